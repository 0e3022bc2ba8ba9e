// The worker's readiness check on the model server: GET {FOUREYES_MODEL_URL}/models
// through the same SDK the reviews use, once, without retries. Its error is
// for the operator's log, with any password in the URL masked.

import OpenAI from "openai";

import type { ModelSettings } from "../config/server-env.js";
import { redactUrl } from "../core/redact-url.js";

/** Local servers ignore the key, but the SDK insists on one. */
const PLACEHOLDER_API_KEY = "not-needed";

export function checkModelServer(settings: Pick<ModelSettings, "baseURL" | "apiKey">, timeoutMs = 3_000): () => Promise<void> {
  const openai = new OpenAI({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey || PLACEHOLDER_API_KEY,
    organization: null,
    project: null,
    timeout: timeoutMs,
    maxRetries: 0,
    logLevel: "off",
  });
  return async () => {
    try {
      await openai.models.list();
    } catch (error) {
      // A fresh error without the cause: the SDK's and fetch's messages repeat the URL as given.
      const why = maskSecrets(messagesOf(error), settings);
      throw new Error(`GET ${redactUrl(settings.baseURL)}/models failed: ${why}`);
    }
  };
}

/** The error's message and its causes' ("Connection error." alone does not say why). */
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let current = error; current !== undefined && messages.length < 5; current = (current as { cause?: unknown }).cause) {
    messages.push(current instanceof Error ? current.message : String(current));
  }
  return messages.join(": ");
}

function maskSecrets(text: string, settings: Pick<ModelSettings, "baseURL" | "apiKey">): string {
  const secrets = [settings.apiKey, passwordOf(settings.baseURL)].filter((secret): secret is string => Boolean(secret));
  return secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]).reduce((masked, secret) => masked.split(secret).join("***"), text);
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

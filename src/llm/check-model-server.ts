// The worker's readiness check on the model server: GET {FOUREYES_MODEL_URL}/models
// through the same SDK the reviews use, once, without retries.

import OpenAI from "openai";

import type { ModelSettings } from "../config/server-env.js";

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
    await openai.models.list();
  };
}

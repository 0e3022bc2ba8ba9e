// How many tokens the model server really serves per request, read where each
// server tells it: vLLM's /v1/models (`max_model_len`), llama.cpp's /props
// (`default_generation_settings.n_ctx`), Ollama's /api/show (the `num_ctx`
// parameter) and /api/ps (`context_length` of the loaded model). Ollama's
// OpenAI endpoint cannot set the window and silently cuts what does not fit,
// so a model's trained length (`<arch>.context_length`) alone is not trusted.

import { z } from "zod";

import type { ModelSettings } from "../config/server-env.js";

export type ServedContext =
  | { tokens: number; source: string }
  /** The server did not say; `ollama` when it is an Ollama that did not say what it runs with. */
  | { tokens: undefined; ollama?: { trainedTokens?: number } };

/** Ollama's smallest default window (older versions and small machines); assumed when it does not say. */
export const OLLAMA_FALLBACK_TOKENS = 2048;

const PROBE_TIMEOUT_MS = 3_000;

const vllmModels = z.object({ data: z.array(z.object({ id: z.string(), max_model_len: z.number().int().positive().optional() })) });
const llamaProps = z.object({ default_generation_settings: z.object({ n_ctx: z.number().int().positive() }) });
const ollamaShow = z.object({ parameters: z.string().optional(), model_info: z.record(z.string(), z.unknown()).optional() });
const ollamaPs = z.object({ models: z.array(z.object({ name: z.string().optional(), model: z.string().optional(), context_length: z.number().int().positive().optional() })) });

type Settings = Pick<ModelSettings, "baseURL" | "model" | "apiKey">;

export async function readServedContext(settings: Settings, timeoutMs = PROBE_TIMEOUT_MS): Promise<ServedContext> {
  const get = (url: string, init?: RequestInit) => fetchJson(url, settings.apiKey, timeoutMs, init);
  const root = settings.baseURL.replace(/\/+$/, "").replace(/\/v1$/, "");
  const [models, props, show, ps] = await Promise.all([
    get(`${settings.baseURL.replace(/\/+$/, "")}/models`),
    get(`${root}/props`),
    get(`${root}/api/show`, { method: "POST", body: JSON.stringify({ model: settings.model }) }),
    get(`${root}/api/ps`),
  ]);

  // A server that serves one model may know it by another name (vLLM --served-model-name).
  const listed = vllmModels.safeParse(models).data?.data ?? [];
  const served = (listed.find((entry) => entry.id === settings.model) ?? (listed.length === 1 ? listed[0] : undefined))?.max_model_len;
  if (served) return { tokens: served, source: "max_model_len in /v1/models (vLLM)" };
  const slot = llamaProps.safeParse(props).data?.default_generation_settings.n_ctx;
  if (slot) return { tokens: slot, source: "default_generation_settings.n_ctx in /props (llama.cpp)" };
  const shown = ollamaShow.safeParse(show).data;
  if (!shown) return { tokens: undefined };
  const numCtx = /^num_ctx\s+(\d+)\s*$/m.exec(shown.parameters ?? "")?.[1];
  if (numCtx) return { tokens: Number(numCtx), source: "the num_ctx parameter in /api/show (Ollama)" };
  const names = [settings.model, `${settings.model}:latest`];
  const loaded = ollamaPs.safeParse(ps).data?.models.find((entry) => names.includes(entry.name ?? "") || names.includes(entry.model ?? ""))?.context_length;
  if (loaded) return { tokens: loaded, source: "context_length of the loaded model in /api/ps (Ollama)" };
  return { tokens: undefined, ollama: { trainedTokens: trainedLength(shown.model_info) } };
}

/** `<arch>.context_length` from Ollama's model_info: what the model was trained for, not what is served. */
function trainedLength(info: Record<string, unknown> | undefined): number | undefined {
  const arch = info?.["general.architecture"];
  const value = typeof arch === "string" ? info?.[`${arch}.context_length`] : undefined;
  return typeof value === "number" && value > 0 ? value : undefined;
}

/** The parsed JSON body of a 2xx answer, or undefined for anything else (other servers lack these routes). */
async function fetchJson(url: string, apiKey: string | undefined, timeoutMs: number, init: RequestInit = {}): Promise<unknown> {
  try {
    const response = await fetch(url, {
      ...init,
      headers: { accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}), ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

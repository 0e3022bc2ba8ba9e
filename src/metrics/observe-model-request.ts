// foureyes_model_request_seconds{model,outcome} and foureyes_model_tokens_total{model,kind}.
// `model` is the configured name (FOUREYES_MODEL), never the name a server
// answers with, so the labels stay the operator's.

import { Counter, Histogram } from "prom-client";

import { metricsRegistry } from "./metrics-registry.js";

/** ok: usable JSON; unusable: an answer without usable JSON; unavailable: no answer after retries. */
export type ModelOutcome = "ok" | "unusable" | "unavailable";

const requestSeconds = new Histogram({
  name: "foureyes_model_request_seconds",
  help: "Seconds per model request (SDK retries included), by configured model and outcome.",
  labelNames: ["model", "outcome"] as const,
  buckets: [1, 2.5, 5, 10, 20, 40, 80, 160, 320],
  registers: [metricsRegistry],
});

const tokens = new Counter({
  name: "foureyes_model_tokens_total",
  help: "Tokens the model server reported (usage), by configured model and kind (prompt, completion).",
  labelNames: ["model", "kind"] as const,
  registers: [metricsRegistry],
});

export interface ModelRequestMeasure {
  model: string;
  outcome: ModelOutcome;
  seconds: number;
  promptTokens?: number;
  completionTokens?: number;
}

export function observeModelRequest(measure: ModelRequestMeasure): void {
  const { model } = measure;
  requestSeconds.observe({ model, outcome: measure.outcome }, measure.seconds);
  if (measure.promptTokens) tokens.inc({ model, kind: "prompt" }, measure.promptTokens);
  if (measure.completionTokens) tokens.inc({ model, kind: "completion" }, measure.completionTokens);
}

// Wraps a ModelClient so each request is timed and its token usage counted
// (foureyes_model_request_seconds, foureyes_model_tokens_total), labelled with
// the configured model name, never with what the server says it is.

import { observeModelRequest } from "../metrics/observe-model-request.js";
import { ModelOutputError, UnusableAnswerError } from "./errors.js";
import type { ModelClient } from "./model-client.js";

export function measureModelCalls(client: ModelClient): ModelClient {
  const model = client.name;
  return {
    name: model,
    async complete(request) {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const answer = await client.complete(request);
        observeModelRequest({ model, outcome: "ok", seconds: seconds(), promptTokens: answer.promptTokens, completionTokens: answer.completionTokens });
        return answer;
      } catch (error) {
        // An unusable answer still cost the tokens the server reports.
        const usage = error instanceof UnusableAnswerError ? error.usage : {};
        const outcome = error instanceof ModelOutputError ? "unusable" : "unavailable";
        observeModelRequest({ model, outcome, seconds: seconds(), ...usage });
        throw error;
      }
    },
  };
}

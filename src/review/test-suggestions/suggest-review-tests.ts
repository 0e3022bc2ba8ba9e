// The pipeline's test-suggestion step (6b, after the review's own model
// requests): the review's gaps, files and limits handed to suggestTests. An
// unavailable model fails the worker's job like the review's own requests do
// (retried later, no half review); the CLI goes on without suggestions.

import type { TestGap } from "../../analysis/test-gaps/types.js";
import type { FileAnalysis } from "../../analysis/types.js";
import type { ReviewLimits } from "../../config/server-env.js";
import type { Logger } from "../../core/logger.js";
import { ModelUnavailableError } from "../../llm/errors.js";
import type { ModelClient } from "../../llm/model-client.js";
import type { ReviewSource } from "../ports.js";
import type { ReviewSnapshot } from "../types.js";
import { suggestTests, type SuggestTestsResult } from "./suggest-tests.js";

export interface ReviewTestsInput {
  model: ModelClient;
  source: ReviewSource;
  snapshot: ReviewSnapshot;
  analyses: readonly FileAnalysis[];
  headTexts: ReadonlyMap<string, string | null>;
  gaps: readonly TestGap[];
  limits: ReviewLimits;
  modelConcurrency: number;
  onModelUnavailable?: "throw" | "continue";
  testsOnly?: boolean;
  logger?: Logger;
}

export async function suggestReviewTests(input: ReviewTestsInput): Promise<SuggestTestsResult> {
  try {
    return await suggestTests({
      client: input.model,
      settings: input.snapshot.config.tests,
      gaps: input.gaps,
      frameworkFor: (gap) => gap.framework ?? null,
      analyses: input.analyses,
      headTexts: input.headTexts,
      priorComments: input.snapshot.priorComments,
      readHeadFile: (path) => input.source.readHeadFile(path),
      budget: { chunkTokens: input.limits.chunkTokens, maxPromptTokens: input.limits.maxPromptTokens },
      concurrency: input.modelConcurrency,
      requested: input.testsOnly === true,
      logger: input.logger,
    });
  } catch (error) {
    if (!(error instanceof ModelUnavailableError) || input.onModelUnavailable !== "continue") throw error;
    input.logger?.warn({ error: error.message }, "model unavailable; no test suggestions");
    return { pointers: [], exchanges: [] };
  }
}

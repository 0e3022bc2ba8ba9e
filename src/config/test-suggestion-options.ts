// The `tests` section of `.github/foureyes.yml`: whether reviews suggest tests
// for changed code no test exercises, and how many at most per review.

import { z } from "zod";

export const testSuggestionOptionsSchema = z
  .object({
    suggest: z.boolean().default(true).describe("Suggest tests for changed exported symbols no test in the pull request exercises."),
    maxSuggestions: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(3)
      .describe("Most test suggestions per review, one model request each; the largest changes first."),
  })
  .strict();

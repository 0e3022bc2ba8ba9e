// The repository's own settings, `.github/foureyes.yml` on the default branch.
// Never read from a pull request's head: a PR must not reconfigure its own review.

import { z } from "zod";

import { SEVERITIES } from "../core/severity.js";
import { reportOptionsSchema } from "./report-options.js";
import { ruleOptionsSchema } from "./rule-options.js";
import { testSuggestionOptionsSchema } from "./test-suggestion-options.js";

/** Where a repository keeps its settings; always read from the default branch (or the base, locally). */
export const REPO_CONFIG_PATH = ".github/foureyes.yml";

export const repoConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Review pull requests in this repository."),
    reviewDrafts: z.boolean().default(false).describe("Also review draft pull requests."),
    reviewBotPullRequests: z
      .boolean()
      .default(false)
      .describe("Also review pull requests opened by bots (GitHub Apps, Dependabot, coding agents)."),
    maxComments: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(10)
      .describe("Most inline comments per review; the rest are summarised in the review body."),
    minSeverity: z
      .enum(SEVERITIES)
      .default("minor")
      .describe("Drop comments below this severity."),
    include: z
      .array(z.string().min(1))
      .default([])
      .describe("Globs of files to review; empty means every file that is not skipped."),
    exclude: z.array(z.string().min(1)).default([]).describe("Globs of files never to review."),
    instructions: z
      .string()
      .max(2000)
      .default("")
      .describe("Extra review guidance for the model, e.g. the team's conventions."),
    reports: reportOptionsSchema.prefault({}).describe("The weekly review-load report."),
    tests: testSuggestionOptionsSchema.prefault({}).describe("Test suggestions for changed code no test exercises."),
    rules: ruleOptionsSchema.prefault({}).describe("The deterministic rules: turn packs or rules off, override severities, add the team's own."),
  })
  .strict();

export type RepoConfig = z.infer<typeof repoConfigSchema>;

export const DEFAULT_REPO_CONFIG: RepoConfig = repoConfigSchema.parse({});

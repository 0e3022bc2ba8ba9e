// The `rules` section of `.github/foureyes.yml`: packs or rules the team turns
// off, severities it overrides, and whether its own packs in
// `.github/foureyes/rules/*.yml` are read. Ids are checked against the rules
// that exist when a review runs (shipped and custom), not here.

import { z } from "zod";

import { SEVERITIES } from "../core/severity.js";

/** Where a repository keeps its own rule packs (read from the default branch, or the base locally). */
export const CUSTOM_RULES_DIR = ".github/foureyes/rules";

const ruleId = z.string().regex(/^[a-z0-9-]+$/, "rule and pack ids are lower-case words joined by dashes");

export const ruleOptionsSchema = z
  .object({
    disable: z.array(ruleId).default([]).describe("Rule ids or whole packs (e.g. python) that never run in this repository."),
    severity: z
      .record(ruleId, z.enum(SEVERITIES))
      .default({})
      .describe("A rule's severity in this repository, replacing its pack's, e.g. todo-without-ticket: nit."),
    custom: z
      .boolean()
      .default(false)
      .describe("Also run the repository's own rule packs, .github/foureyes/rules/*.yml on the default branch (same format as the shipped packs)."),
  })
  .strict();

export type RuleOptions = z.infer<typeof ruleOptionsSchema>;

/** Bounds on what a repository's custom rules cost each review: files read, and bytes per file. */
export const CUSTOM_RULE_LIMITS = { files: 20, bytesPerFile: 64 * 1024 } as const;

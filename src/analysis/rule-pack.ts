// The shape of a rule pack in rules/*.yml: tree-sitter queries plus metadata,
// validated when loaded so a broken pack fails loudly at start, not mid-review.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { parse as parseYaml } from "yaml";
import { z } from "zod";

import { formatZodIssues } from "../core/format-zod-issues.js";
import { CATEGORIES, SEVERITIES } from "../core/severity.js";
import { LANGUAGE_NAMES } from "./languages.js";

const globs = z.array(z.string().min(1)).min(1);

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "rule ids are lower-case words joined by dashes"),
    severity: z.enum(SEVERITIES),
    category: z.enum(CATEGORIES),
    message: z.string().min(1).max(1000),
    query: z.string().includes("@match", { message: "the query must capture the finding as @match" }),
    /** A subset of the pack's languages, for queries that use one grammar's nodes (TypeScript types, JSX). */
    languages: z.array(z.enum(LANGUAGE_NAMES)).min(1).optional(),
    /** Globs (picomatch, repository-relative): the rule runs only on files matching one of them. */
    paths: globs.optional(),
    /** Globs: the rule never runs on files matching one of them. */
    excludePaths: globs.optional(),
    /**
     * A condition a query cannot say: the text of one capture of the match must be a name that a second
     * query finds declared anywhere in the same file (an `async` function for an un-awaited call).
     */
    declaredInFile: z
      .object({
        capture: z.string().regex(/^[A-Za-z_][\w-]*$/, "the capture's name, without @"),
        query: z.string().includes("@name", { message: "the declaration query must capture the declared name as @name" }),
        /**
         * A regular expression, `{name}` standing for the used name, that the line holding a declaration's
         * name matches; only such lines are searched. Without it, every line containing the name is.
         */
        lineHint: z.string().includes("{name}", { message: "the hint must contain {name}" }).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const rulePackSchema = z
  .object({
    pack: z.string().min(1),
    languages: z.array(z.enum(LANGUAGE_NAMES)).min(1),
    rules: z.array(ruleSchema).min(1),
  })
  .strict();

export type RulePack = z.infer<typeof rulePackSchema>;
export type Rule = RulePack["rules"][number];

/** The rules/ folder of this installation (from src/ in development, from dist/src/ when built). */
export function defaultRulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    if (existsSync(join(dir, "rules")) && existsSync(join(dir, "package.json"))) return join(dir, "rules");
    dir = dirname(dir);
  }
  throw new Error("Cannot find the rules/ folder next to package.json; is the installation complete?");
}

/** Read and validate every *.yml pack in a folder; the error names the file and the bad key. */
export function loadRulePacks(dir: string = defaultRulesDir()): RulePack[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const parsed = rulePackSchema.safeParse(parseYaml(readFileSync(join(dir, name), "utf8")));
      if (!parsed.success) {
        throw new Error(`Invalid rule pack ${join(dir, name)}: ${formatZodIssues(parsed.error)}`);
      }
      return parsed.data;
    });
}

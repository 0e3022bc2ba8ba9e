// The `foureyes review --format json` output: its zod schema (so tools and
// tests can validate it) and the mapping from a ReviewResult. The shape is a
// public contract; add fields, never rename them.

import { z } from "zod";

import { qualifiedSymbol } from "../analysis/test-gaps/qualified-symbol.js";
import { CATEGORIES, SEVERITIES } from "../core/severity.js";
import { titleFinding } from "../review/title-finding.js";
import type { ReviewResult } from "../review/types.js";

const count = z.number().int().min(0);

export const reviewJsonSchema = z
  .object({
    summary: z.string(),
    comments: z.array(
      z
        .object({
          path: z.string().min(1),
          line: z.number().int().positive(),
          startLine: z.number().int().positive().optional(),
          side: z.enum(["RIGHT", "LEFT"]),
          severity: z.enum(SEVERITIES),
          category: z.enum(CATEGORIES),
          /** The one line the comment is shown under (inline markdown, inert): the model's title, or the body's first sentence. */
          title: z.string(),
          body: z.string(),
          /** "model" or "rule:<id>" */
          source: z.string().min(1),
        })
        .strict(),
    ),
    skipped: z.array(z.object({ path: z.string().min(1), reason: z.string().min(1) }).strict()),
    model: z.object({ name: z.string(), ok: z.boolean(), error: z.string().optional() }).strict(),
    /** Custom rule files or rules that did not run, each named with its file. */
    ruleProblems: z.array(z.string()).optional(),
    /** One entry per exported symbol the change adds or alters outside tests; `line` is its declaration's first line at the head. */
    testGaps: z.array(
      z
        .object({ path: z.string().min(1), symbol: z.string().min(1), line: z.number().int().positive(), testTouched: z.boolean(), existingTest: z.string().min(1).nullable() })
        .strict(),
    ),
    /** Validated test suggestions (parsed, naming the symbol, in the detected framework); never written anywhere. */
    testSuggestions: z.array(
      z.object({ path: z.string().min(1), symbol: z.string().min(1), testPath: z.string().min(1), framework: z.string().min(1), code: z.string().min(1) }).strict(),
    ),
    stats: z
      .object({
        filesChanged: count,
        filesReviewed: count,
        filesSkipped: count,
        chunks: count,
        promptTokens: count,
        commentsProposed: count,
        commentsInvalid: count,
        commentsDefaulted: count.optional(),
        commentsDropped: count,
        commentsMoved: count,
        commentsMerged: count,
        commentsOverCap: count,
        commentsPosted: count,
        testSuggestions: count.optional(),
        testSuggestionsDropped: count.optional(),
        durationMs: count,
      })
      .strict(),
  })
  .strict();

export type ReviewJson = z.infer<typeof reviewJsonSchema>;

export function toReviewJson(result: ReviewResult): ReviewJson {
  return {
    summary: result.summary,
    comments: result.comments.map((comment) => ({
      path: comment.path,
      line: comment.line,
      ...(comment.startLine !== undefined ? { startLine: comment.startLine } : {}),
      side: comment.side,
      severity: comment.severity,
      category: comment.category,
      title: titleFinding(comment),
      body: comment.body,
      source: comment.source,
    })),
    skipped: result.skipped.map((file) => ({ path: file.path, reason: file.reason })),
    model: {
      name: result.model.name,
      ok: result.model.ok,
      ...(result.model.error !== undefined ? { error: result.model.error } : {}),
    },
    ...(result.ruleProblems ? { ruleProblems: result.ruleProblems } : {}),
    testGaps: (result.testGaps ?? []).map((gap) => ({
      path: gap.path,
      symbol: qualifiedSymbol(gap),
      line: gap.line,
      testTouched: gap.touchedBy.length > 0,
      existingTest: gap.existingTest,
    })),
    testSuggestions: (result.testSuggestions?.suggestions ?? []).map(({ path, symbol, testPath, framework, code }) => ({ path, symbol, testPath, framework, code })),
    stats: { ...result.stats },
  };
}

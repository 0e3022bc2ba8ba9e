// The model's answer: the zod schema every comment is validated against, the
// JSON Schema sent as structured output, and item-by-item parsing into
// ProposedComment (the model's words are data: validate, never trust).

import { z } from "zod";

import type { ProposedComment } from "../core/comments.js";
import type { FileDiff } from "../core/diff.js";
import { CATEGORIES, type Category, SEVERITIES, type Severity } from "../core/severity.js";
import { guessCategory } from "./guess-category.js";
import { guessSide } from "./guess-side.js";

export const MAX_COMMENT_BODY = 2000;
/** Longer titles are cut here; the review shortens them further at a clause. */
const MAX_TITLE = 200;

/** Words models commonly use instead of ours; mapped, never guessed beyond this list. */
const SEVERITY_SYNONYMS: Record<string, Severity> = {
  blocker: "critical",
  high: "major",
  error: "major",
  medium: "minor",
  moderate: "minor",
  warning: "minor",
  low: "minor",
  info: "nit",
  trivial: "nit",
  suggestion: "nit",
};

const CATEGORY_SYNONYMS: Record<string, Category> = {
  correctness: "bug",
  "error-handling": "bug",
  error_handling: "bug",
  concurrency: "bug",
  "data-loss": "bug",
  perf: "performance",
  tests: "test",
  testing: "test",
  readability: "maintainability",
  design: "maintainability",
  style_nit: "style",
};

/** Case-insensitive enum with a fixed synonym table. */
function lenientEnum<const T extends readonly [string, ...string[]]>(values: T, synonyms: Record<string, T[number]>) {
  return z.preprocess((value) => {
    if (typeof value !== "string") return value;
    const key = value.trim().toLowerCase();
    return (values as readonly string[]).includes(key) ? key : (synonyms[key] ?? key);
  }, z.enum(values));
}

/** A positive line number; a numeric string like "42" is accepted, "42abc" or 4.5 are not. */
const lineNumber = z.preprocess(
  (value) => (typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
  z.number().int().positive(),
);

/** null means absent: strict structured output makes optional fields nullable. */
const absentWhenNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());

/** What one comment from the model must look like after the lenient conversions. */
export const modelCommentSchema = z
  .object({
    path: z.string().trim().min(1),
    line: lineNumber,
    startLine: absentWhenNull(lineNumber),
    // Absent (or null) side, severity and category are filled in by parseModelComments; a wrong value is still invalid.
    side: absentWhenNull(
      z.preprocess((value) => (typeof value === "string" ? value.trim().toUpperCase() : value), z.enum(["RIGHT", "LEFT"])),
    ),
    severity: absentWhenNull(lenientEnum(SEVERITIES, SEVERITY_SYNONYMS)),
    category: absentWhenNull(lenientEnum(CATEGORIES, CATEGORY_SYNONYMS)),
    body: z.string().trim().min(1).max(MAX_COMMENT_BODY),
    // A title is a nicety: a missing, empty or odd one is dropped (the body gives one), never a reason to drop the comment.
    title: z.preprocess((value) => (typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, MAX_TITLE) : undefined), z.string().optional()),
  })
  // A one-line range is a single-line comment; a reversed range is a confused answer.
  .transform(({ startLine, ...rest }): typeof rest & { startLine?: number } =>
    startLine === undefined || startLine === rest.line ? rest : { ...rest, startLine },
  )
  .refine((comment) => comment.startLine === undefined || comment.startLine < comment.line, {
    message: "startLine must be before line",
    path: ["startLine"],
  });


/**
 * The shape sent as structured output. Kept to what strict mode on OpenAI,
 * vLLM (xgrammar/outlines), llama.cpp and Ollama all accept: every property
 * required, optional ones nullable, no length or range keywords (the zod
 * schema above enforces those after the fact).
 */
const wireSchema = z.object({
  comments: z
    .array(
      z.object({
        path: z.string().describe("File path exactly as given in the context."),
        line: z.int().describe("Line number (new file for RIGHT, old file for LEFT) the comment is about; last line of a range."),
        startLine: z.int().nullable().describe("First line of a multi-line range, before `line`; null for a single line."),
        side: z.enum(["RIGHT", "LEFT"]).nullable().describe("RIGHT for added or unchanged lines, LEFT for deleted lines; null means RIGHT."),
        severity: z.enum(SEVERITIES),
        category: z.enum(CATEGORIES),
        body: z.string().describe("The comment: the defect, why it matters, and a concrete fix. Markdown, under 2000 characters."),
        title: z.string().nullable().describe("One line naming the defect, under 80 characters, plain text; null to use the body's first sentence."),
      }),
    )
    .describe("Empty when nothing is worth saying."),
});

export const MODEL_OUTPUT_SCHEMA_NAME = "review_comments";

export const MODEL_OUTPUT_JSON_SCHEMA: Record<string, unknown> = (() => {
  const schema = z.toJSONSchema(wireSchema, {
    target: "draft-7",
    override: ({ jsonSchema }) => {
      // zod bounds integers to the safe range; grammar engines gain nothing from it.
      if (jsonSchema.type === "integer") {
        delete jsonSchema.minimum;
        delete jsonSchema.maximum;
      }
    },
  }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
})();

/** How many kept comments had a field filled in (`comments`), and how often each field was. */
export interface DefaultedFields {
  comments: number;
  side: number;
  severity: number;
  category: number;
}

export interface ParsedModelComments {
  comments: ProposedComment[];
  /** Items that failed validation or named a file outside the chunk. */
  invalid: number;
  defaulted: DefaultedFields;
}

/** Severity of a finding the model did not grade: worth reading, never alarming. */
const DEFAULT_SEVERITY: Severity = "minor";

/**
 * Validate the model's JSON item by item: one bad item does not sink the rest.
 * Accepts `{comments: [...]}` or a bare array; anything else counts as one
 * invalid answer. Only path, line and body are required: a missing side comes
 * from the line's place in `diffs`, severity is minor, category is guessed from
 * the text, and each default is counted. Paths must be among `allowedPaths` (a
 * leading "./", "a/" or "b/" from diff habits is tolerated when it makes the
 * path match).
 */
export function parseModelComments(json: unknown, allowedPaths: string[], diffs?: ReadonlyMap<string, FileDiff>): ParsedModelComments {
  const defaulted: DefaultedFields = { comments: 0, side: 0, severity: 0, category: 0 };
  const items = commentItems(json);
  if (!items) return { comments: [], invalid: 1, defaulted };
  const allowed = new Set(allowedPaths);
  const comments: ProposedComment[] = [];
  let invalid = 0;
  for (const item of items) {
    const parsed = modelCommentSchema.safeParse(item);
    const path = parsed.success ? matchAllowedPath(parsed.data.path, allowed) : null;
    if (!parsed.success || path === null) {
      invalid += 1;
      continue;
    }
    const { side, severity, category, title, ...given } = parsed.data;
    if (side === undefined) defaulted.side += 1;
    if (severity === undefined) defaulted.severity += 1;
    if (category === undefined) defaulted.category += 1;
    if (side === undefined || severity === undefined || category === undefined) defaulted.comments += 1;
    comments.push({
      ...given,
      path,
      side: side ?? guessSide(diffs?.get(path), given.line),
      severity: severity ?? DEFAULT_SEVERITY,
      category: category ?? guessCategory(given.body),
      ...(title !== undefined ? { title } : {}),
      source: "model",
    });
  }
  return { comments, invalid, defaulted };
}

function commentItems(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (json !== null && typeof json === "object" && "comments" in json) {
    const comments = (json as { comments: unknown }).comments;
    if (Array.isArray(comments)) return comments;
    if (comments === null) return [];
  }
  return null;
}

function matchAllowedPath(path: string, allowed: Set<string>): string | null {
  if (allowed.has(path)) return path;
  const stripped = path.replace(/^(?:\.\/|[ab]\/)/, "");
  return allowed.has(stripped) ? stripped : null;
}

// The model's answer to a test-suggestion request: one JSON object with the
// test file's code, validated here (the words are data) and sent as the
// structured-output schema.

import { z } from "zod";

export const SUGGESTION_SCHEMA_NAME = "test_suggestion";

/** Longer answers are not a focused test file; they are dropped rather than cut (a cut file does not parse). */
export const MAX_TEST_CODE_CHARS = 12_000;

const suggestionSchema = z.object({ code: z.string().trim().min(1).max(MAX_TEST_CODE_CHARS) });

export const SUGGESTION_JSON_SCHEMA: Record<string, unknown> = (() => {
  const schema = z.toJSONSchema(z.object({ code: z.string().describe("The whole test file, plain source code without markdown fences.") }), {
    target: "draft-7",
  }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
})();

/** The test file's code, or null when the answer is not `{code: "<non-empty text>"}`. One fence around the whole code, a common habit, is taken off. */
export function parseSuggestionAnswer(json: unknown): string | null {
  const parsed = suggestionSchema.safeParse(json);
  if (!parsed.success) return null;
  const fenced = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n\1\s*$/.exec(parsed.data.code);
  return `${fenced ? fenced[2]! : parsed.data.code}\n`;
}

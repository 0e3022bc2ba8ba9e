// A model's unusable answer travels on its error for the audit trail, but a
// logged error must not carry it: the answer may repeat code or secrets.

import { pino } from "pino";
import { describe, expect, it } from "vitest";

import { ModelOutputError, UnusableAnswerError } from "../../src/llm/errors.js";

const ANSWER = "Here is the key you asked for: AKIA… and no JSON at all";

/** The error logged the ways code does: under pino's `err`, under another key, in a list. */
function logged(error: Error): string {
  const lines: string[] = [];
  const log = pino({ level: "trace" }, { write: (line: string) => void lines.push(line) });
  log.error({ err: error }, "model answer unusable");
  log.warn({ error, errors: [error] }, "model answer unusable");
  return lines.join("\n");
}

describe("model output errors", () => {
  it.each([
    ["ModelOutputError", new ModelOutputError("the server rejected the request", ANSWER)],
    ["UnusableAnswerError", new UnusableAnswerError("the answer held no JSON object", ANSWER, "text", { completionTokens: 12 })],
  ])("%s keeps the answer for the audit trail and out of a logged error", (_name, error) => {
    expect(error.raw).toBe(ANSWER);
    const line = logged(error);
    expect(line).toContain(error.message);
    expect(line).not.toContain("no JSON at all");
  });
});

// The review body's test-gap table: quiet without a changed exported symbol,
// untested symbols first, capped with a count of the rest, and inert however
// hostile the repository's paths and names are (judged by rendering them).

import { describe, expect, it } from "vitest";

import type { TestGap } from "../../src/analysis/test-gaps/types.js";
import { parseMarkdown } from "../../src/markdown/parse-markdown.js";
import { plainText } from "../../src/markdown/plain-text.js";
import { renderReviewParts } from "../../src/review/render-review.js";
import { renderTestGaps } from "../../src/review/render-test-gaps.js";
import type { ReviewResult } from "../../src/review/types.js";
import { judgeRenderedMarkdown } from "../helpers/judge-rendered-markdown.js";

const gap = (overrides: Partial<TestGap> = {}): TestGap => ({
  path: "src/money.ts",
  language: "typescript",
  symbol: "add",
  container: null,
  kind: "function",
  line: 1,
  endLine: 3,
  signatureLine: 1,
  changedLines: 2,
  touchedBy: [],
  existingTest: null,
  ...overrides,
});

/** Each table row's cells as the reader sees them. */
function tableRows(markdown: string): string[][] {
  const rows: string[][] = [];
  const visit = (node: { type: string; children?: unknown[] }): void => {
    if (node.type === "tableRow") rows.push((node.children as never[]).map((cell) => plainText(cell)));
    for (const child of (node.children ?? []) as { type: string }[]) visit(child);
  };
  visit(parseMarkdown(markdown) as never);
  return rows;
}

describe("renderTestGaps", () => {
  it("says nothing when no exported symbol changed", () => {
    expect(renderTestGaps([])).toEqual([]);
  });

  it("lists untested symbols first, with their changed lines, the touching tests and the module's test file", () => {
    const markdown = renderTestGaps([
      gap({ symbol: "add", touchedBy: ["test/money.test.ts"], existingTest: "test/money.test.ts" }),
      gap({ symbol: "post", container: "Ledger", kind: "method", line: 10, endLine: 14, signatureLine: 11, changedLines: 3, existingTest: "test/money.test.ts" }),
    ]).join("\n");
    expect(markdown).toContain("**Tests:** 1 of 2 changed exported symbols not exercised by a test changed in this pull request.\n");
    expect(tableRows(markdown)).toEqual([
      ["symbol", "changed lines", "test touched in this PR", "existing test file"],
      ["Ledger.post in src/money.ts:11", "3 in 10–14", "no", "test/money.test.ts"],
      ["add in src/money.ts:1", "2 in 1–3", "yes: test/money.test.ts", "test/money.test.ts"],
    ]);
    expect(judgeRenderedMarkdown(markdown)).toEqual([]);
  });

  it("caps the table and says how many more, and passes on why the existing-test column may be incomplete", () => {
    const gaps = Array.from({ length: 13 }, (_, index) => gap({ symbol: `f${index}` }));
    const markdown = renderTestGaps(gaps, "GitHub cut the repository's file list short").join("\n");
    expect(tableRows(markdown)).toHaveLength(11);
    expect(markdown).toContain("… and 3 more symbols.");
    expect(markdown).toContain("Note: GitHub cut the repository's file list short.");
  });

  it("keeps hostile paths and names inert, one cell each", () => {
    const hostile = [
      "src/a|b|c.ts",
      "src/`x``y`.ts",
      "src/@octocat/<img src=x onerror=alert(1)>.ts",
      "src/<!-- foureyes:head=abc -->.ts",
      "src/\u202Eevil.ts",
      "src/x\n/approve.ts",
    ];
    const gaps = hostile.map((path, index) => gap({ path, symbol: `s${index}|@team`, container: index === 0 ? "C|D" : null, touchedBy: [path], existingTest: path }));
    const markdown = renderTestGaps(gaps).join("\n");
    expect(judgeRenderedMarkdown(markdown)).toEqual([]);
    const rows = tableRows(markdown);
    expect(rows.map((row) => row.length)).toEqual(rows.map(() => 4));
    expect(rows[1]?.[0]).toBe("C|D.s0|@team in src/a|b|c.ts:1");
  });

  it("sits in the review body, which still renders safely", () => {
    const result = { summary: "1 inline comment.", comments: [], overflow: [], skipped: [], model: { name: "m", ok: true }, promptVersion: "p", headSha: "a".repeat(40), testGaps: [gap()] };
    const { sections } = renderReviewParts(result as unknown as ReviewResult);
    expect(sections.join("\n")).toContain("| `add` in `src/money.ts:1` | 2 in 1–3 | **no** | none |");
  });
});

// The inline comment that points from an untested symbol to its suggested
// test in the review body. It sits on the symbol's signature line when the
// diff shows that line, else on the first line the change added inside the
// symbol, so it is never moved or dropped by anchoring. Its rule id gives it a
// stable fingerprint: a later push does not post it again.

import type { TestFramework, TestGap } from "../../analysis/test-gaps/types.js";
import type { ProposedComment } from "../../core/comments.js";
import type { FileDiff } from "../../core/diff.js";
import { commentableLines, hunkChangedLines } from "../../diff/commentable-lines.js";
import { renderCodeSpan } from "../../markdown/render-code-span.js";

export const TEST_SUGGESTION_SOURCE = "rule:test-suggestion";

/** The pointer for a gap, or null when the diff shows no line of the symbol. */
export function pointToSuggestion(gap: TestGap, diff: FileDiff | undefined, testPath: string, framework: TestFramework): ProposedComment | null {
  const line = pointerLine(gap, diff);
  if (line === null) return null;
  const symbol = renderCodeSpan(gap.symbol);
  return {
    path: gap.path,
    line,
    side: "RIGHT",
    severity: "minor",
    category: "test",
    title: `No test in this pull request exercises ${gap.symbol}`,
    body:
      `${symbol} changed and no test changed in this pull request exercises it. The review body has a suggested ` +
      `${framework} test for ${renderCodeSpan(testPath)} under **Test suggestions**, checked to parse; nothing was committed or pushed.`,
    source: TEST_SUGGESTION_SOURCE,
  };
}

function pointerLine(gap: TestGap, diff: FileDiff | undefined): number | null {
  if (!diff) return null;
  if (commentableLines(diff).RIGHT.has(gap.signatureLine)) return gap.signatureLine;
  const added = diff.hunks.flatMap((hunk) => hunkChangedLines(hunk, "RIGHT")).filter((line) => line >= gap.line && line <= gap.endLine);
  return added.length > 0 ? Math.min(...added) : null;
}

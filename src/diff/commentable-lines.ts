// The lines a review comment may sit on, per side: GitHub accepts comments on
// added and context lines (RIGHT, new numbering) and on deleted lines (LEFT,
// old numbering) that appear in the diff. Per hunk for anchoring, per file for
// checking.

import type { FileDiff, Hunk, Side } from "../core/diff.js";

/** Line numbers GitHub accepts on this side of the hunk, in diff order. */
export function hunkCommentableLines(hunk: Hunk, side: Side): number[] {
  const numbers: number[] = [];
  for (const line of hunk.lines) {
    if (side === "RIGHT" && line.kind !== "del" && line.newLine !== undefined) numbers.push(line.newLine);
    if (side === "LEFT" && line.kind === "del" && line.oldLine !== undefined) numbers.push(line.oldLine);
  }
  return numbers;
}

/** Line numbers this side of the hunk changed: added lines (RIGHT) or deleted ones (LEFT). */
export function hunkChangedLines(hunk: Hunk, side: Side): number[] {
  const numbers: number[] = [];
  for (const line of hunk.lines) {
    if (side === "RIGHT" && line.kind === "add" && line.newLine !== undefined) numbers.push(line.newLine);
    if (side === "LEFT" && line.kind === "del" && line.oldLine !== undefined) numbers.push(line.oldLine);
  }
  return numbers;
}

export function commentableLines(diff: FileDiff): { RIGHT: Set<number>; LEFT: Set<number> } {
  return {
    RIGHT: new Set(diff.hunks.flatMap((hunk) => hunkCommentableLines(hunk, "RIGHT"))),
    LEFT: new Set(diff.hunks.flatMap((hunk) => hunkCommentableLines(hunk, "LEFT"))),
  };
}

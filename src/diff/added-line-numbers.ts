// The new-side numbers of a file diff's added lines, in diff order.

import type { FileDiff } from "../core/diff.js";

export function addedLineNumbers(diff: Pick<FileDiff, "hunks">): number[] {
  return diff.hunks.flatMap((hunk) => hunk.lines.flatMap((line) => (line.kind === "add" && line.newLine !== undefined ? [line.newLine] : [])));
}

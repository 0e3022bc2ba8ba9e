// Where a hunk changes the head version of a file: the new-side numbers of
// added lines, and for each run of deleted lines the gap in the new version
// where they used to be. The analysis and the chunk planner both need these.

import type { Hunk } from "../core/diff.js";

/** A run of deleted lines sat between new-side lines `before` and `after` (= before + 1). */
export interface DeletionPoint {
  before: number;
  after: number;
}

export interface ChangedPoints {
  added: number[];
  deletions: DeletionPoint[];
}

/** Changed points of a hunk, or of its lines [from, to) when only a window of it is shown. */
export function changedPoints(hunk: Hunk, from = 0, to = hunk.lines.length): ChangedPoints {
  const added: number[] = [];
  const deletions: DeletionPoint[] = [];
  // The new-side number of the last non-deleted line seen (newStart - 1 before the first).
  let lastNew = hunk.newLines === 0 ? hunk.newStart : hunk.newStart - 1;
  for (let i = from - 1; i >= 0; i--) {
    const newLine = hunk.lines[i]?.newLine;
    if (newLine !== undefined) {
      lastNew = newLine;
      break;
    }
  }
  let inDeletion = false;
  for (const line of hunk.lines.slice(from, to)) {
    if (line.kind === "del") {
      if (!inDeletion) deletions.push({ before: lastNew, after: lastNew + 1 });
      inDeletion = true;
      continue;
    }
    inDeletion = false;
    if (line.newLine !== undefined) lastNew = line.newLine;
    if (line.kind === "add" && line.newLine !== undefined) added.push(line.newLine);
  }
  return { added, deletions };
}

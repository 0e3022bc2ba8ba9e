// The lines of one file a review comment may sit on, per side: GitHub accepts
// comments on added and context lines (RIGHT, new numbering) and on deleted
// lines (LEFT, old numbering) that appear in the diff.

import type { FileDiff } from "../core/diff.js";

export function commentableLines(diff: FileDiff): { RIGHT: Set<number>; LEFT: Set<number> } {
  const RIGHT = new Set<number>();
  const LEFT = new Set<number>();
  for (const hunk of diff.hunks) {
    for (const line of hunk.lines) {
      if (line.kind === "del") {
        if (line.oldLine !== undefined) LEFT.add(line.oldLine);
      } else if (line.newLine !== undefined) {
        RIGHT.add(line.newLine);
      }
    }
  }
  return { RIGHT, LEFT };
}

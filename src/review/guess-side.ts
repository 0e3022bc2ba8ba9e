// The side of the diff a comment means when the model did not say: a line
// shown as added or unchanged is on the new side (RIGHT); a number that only a
// removed line has is on the old side (LEFT). Anything else stays RIGHT and is
// anchored or dropped like any other comment.

import type { FileDiff, Side } from "../core/diff.js";
import { commentableLines } from "../diff/commentable-lines.js";

export function guessSide(diff: FileDiff | undefined, line: number): Side {
  if (!diff) return "RIGHT";
  const lines = commentableLines(diff);
  return !lines.RIGHT.has(line) && lines.LEFT.has(line) ? "LEFT" : "RIGHT";
}

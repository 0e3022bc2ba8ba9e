// Puts proposed comments on lines GitHub accepts: lines shown in the PR's diff
// (right side for added/context lines, left side for deleted lines), multi-line
// ranges inside one hunk. A comment a few lines off moves to the nearest changed
// line of its hunk; anything else is dropped, so a review never fails with 422.

import type { AnchoredComment, ProposedComment } from "../core/comments.js";
import type { FileDiff, Hunk } from "../core/diff.js";
import { hunkChangedLines, hunkCommentableLines } from "../diff/commentable-lines.js";

/** How far (in lines) a comment may sit outside a hunk and still be moved into it. */
export const ANCHOR_TOLERANCE = 3;

export interface AnchorOutcome {
  anchored: AnchoredComment[];
  dropped: { comment: ProposedComment; why: string }[];
}

export function anchorComments(comments: ProposedComment[], diffs: ReadonlyMap<string, FileDiff>): AnchorOutcome {
  const anchored: AnchoredComment[] = [];
  const dropped: AnchorOutcome["dropped"] = [];
  for (const comment of comments) {
    const diff = diffs.get(comment.path);
    if (!diff || diff.hunks.length === 0) {
      dropped.push({ comment, why: diff ? "file has no diff lines" : "file is not part of the change" });
      continue;
    }
    const placed = anchorOne(comment, diff.hunks);
    if (placed) anchored.push(placed);
    else dropped.push({ comment, why: `line ${comment.line} (${comment.side}) is not in the diff` });
  }
  return { anchored, dropped };
}

function anchorOne(comment: ProposedComment, hunks: Hunk[]): AnchoredComment | null {
  const side = comment.side;
  for (const hunk of hunks) {
    const lines = hunkCommentableLines(hunk, side);
    if (lines.length === 0) continue;
    if (lines.includes(comment.line)) return withRange(comment, comment.line, lines, 0);
  }
  // Not on a shown line: move to the nearest changed line of a hunk it is close to.
  let best: { line: number; distance: number; lines: number[] } | null = null;
  for (const hunk of hunks) {
    const lines = hunkCommentableLines(hunk, side);
    if (lines.length === 0) continue;
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    if (comment.line < first - ANCHOR_TOLERANCE || comment.line > last + ANCHOR_TOLERANCE) continue;
    for (const candidate of hunkChangedLines(hunk, side)) {
      const distance = Math.abs(candidate - comment.line);
      if (!best || distance < best.distance) best = { line: candidate, distance, lines };
    }
  }
  return best ? withRange(comment, best.line, best.lines, best.distance) : null;
}

/** Keep `startLine` only when it is an earlier shown line of the same hunk. */
function withRange(comment: ProposedComment, line: number, hunkLines: number[], movedBy: number): AnchoredComment {
  const { startLine, ...rest } = comment;
  const keepStart = movedBy === 0 && startLine !== undefined && startLine < line && hunkLines.includes(startLine);
  return keepStart ? { ...rest, line, startLine, movedBy } : { ...rest, line, movedBy };
}

// Merges comments that say the same thing at the same place, and drops the ones
// foureyes already posted on an earlier commit of the PR (by fingerprint, or by
// similar words nearby), so a push does not repeat the whole review.

import type { AnchoredComment, PriorComment } from "../core/comments.js";
import { SEVERITY_RANK } from "../core/severity.js";
import { similarText } from "./similar-text.js";

export const SAME_FINDING = 0.6;
/** Earlier comments may have moved with later edits; match them within this many lines. */
const PRIOR_LINE_DRIFT = 10;

export interface DedupeOutcome {
  kept: AnchoredComment[];
  merged: number;
  alreadyPosted: number;
}

export function dedupeComments(comments: AnchoredComment[], prior: PriorComment[]): DedupeOutcome {
  const kept: AnchoredComment[] = [];
  let merged = 0;
  let alreadyPosted = 0;
  for (const comment of comments) {
    if (prior.some((earlier) => isRepeatOf(comment, earlier))) {
      alreadyPosted += 1;
      continue;
    }
    const twin = kept.findIndex(
      (other) =>
        other.path === comment.path &&
        other.side === comment.side &&
        other.line === comment.line &&
        similarText(other.body, comment.body) >= SAME_FINDING,
    );
    if (twin === -1) {
      kept.push(comment);
      continue;
    }
    merged += 1;
    if (SEVERITY_RANK[comment.severity] < SEVERITY_RANK[kept[twin]!.severity]) kept[twin] = comment;
  }
  return { kept, merged, alreadyPosted };
}

/**
 * Said before: the same fingerprint anywhere, or similar words nearby. A
 * finding the team set aside (resolved, 👎, dismissed in a reply) stays set
 * aside wherever it moved in the file.
 */
function isRepeatOf(comment: AnchoredComment, earlier: PriorComment): boolean {
  if (comment.identity && earlier.fingerprint === comment.identity.fingerprint) return true;
  if (earlier.path !== comment.path) return false;
  const nearby = earlier.line === null || Math.abs(earlier.line - comment.line) <= PRIOR_LINE_DRIFT;
  if (!nearby && earlier.dismissed === undefined) return false;
  return similarText(earlier.body, comment.body) >= SAME_FINDING;
}

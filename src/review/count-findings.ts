// Counts what became of a review's findings (foureyes_comments_total): posted
// inline, listed over the cap, or dropped and why, per source (model or rule).

import type { ProposedComment } from "../core/comments.js";
import { type CommentOutcome, type CommentSource,countComments } from "../metrics/count-comments.js";

/** The findings at each step of the pipeline's step 7, in the order they were narrowed. */
export interface FindingSteps {
  candidates: readonly Pick<ProposedComment, "source">[];
  /** At or above the repository's minSeverity. */
  proposed: readonly Pick<ProposedComment, "source">[];
  /** Anchored to a diff line. */
  anchored: readonly Pick<ProposedComment, "source">[];
  posted: readonly Pick<ProposedComment, "source">[];
  overflow: readonly Pick<ProposedComment, "source">[];
  /** Model comments that failed their schema (never candidates). */
  invalid: number;
}

export function countFindings(steps: FindingSteps): void {
  const candidates = bySource(steps.candidates);
  const proposed = bySource(steps.proposed);
  const anchored = bySource(steps.anchored);
  const posted = bySource(steps.posted);
  const overflow = bySource(steps.overflow);
  for (const source of ["model", "rule"] as const) {
    const counts: [CommentOutcome, number][] = [
      ["posted", posted[source]],
      ["over-cap", overflow[source]],
      ["below-severity", candidates[source] - proposed[source]],
      ["off-diff", proposed[source] - anchored[source]],
      // What anchoring kept but neither inline nor over the cap: merged, said on an earlier commit, or like a dismissed one.
      ["duplicate", anchored[source] - posted[source] - overflow[source]],
    ];
    for (const [outcome, count] of counts) countComments(source, outcome, count);
  }
  countComments("model", "invalid", steps.invalid);
}

function bySource(comments: readonly Pick<ProposedComment, "source">[]): Record<CommentSource, number> {
  const counts = { model: 0, rule: 0 };
  for (const comment of comments) counts[comment.source.startsWith("rule") ? "rule" : "model"] += 1;
  return counts;
}

// Leaves out findings like ones the team dismissed in this repository (see
// src/learning): the same rule, or, for the model's findings, near-same words
// in the same kind of declaration. Pure; runs after de-duplication and before
// ranking, so the cap is filled with findings the team has not set aside.

import type { AnchoredComment } from "../core/comments.js";
import type { DismissedPattern } from "../learning/dismissed-patterns.js";
import { similarText } from "./similar-text.js";

/** Stricter than de-duplication's SAME_FINDING: this silences a finding in other pull requests. */
export const LIKE_DISMISSED = 0.8;

export function suppressDismissed(comments: AnchoredComment[], patterns: DismissedPattern[]): { kept: AnchoredComment[]; suppressed: number } {
  if (patterns.length === 0) return { kept: comments, suppressed: 0 };
  const kept = comments.filter((comment) => !patterns.some((pattern) => isLike(comment, pattern)));
  return { kept, suppressed: comments.length - kept.length };
}

function isLike(comment: AnchoredComment, pattern: DismissedPattern): boolean {
  const rule = comment.identity?.rule ?? (comment.source.startsWith("rule:") ? comment.source.slice("rule:".length) : "-");
  if (rule !== "-" || pattern.rule !== "-") return rule === pattern.rule;
  const kind = comment.identity?.kind ?? "none";
  return kind === pattern.kind && similarText(comment.body, pattern.text) >= LIKE_DISMISSED;
}

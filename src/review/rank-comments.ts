// Orders findings by what a reviewer should read first and splits them at the
// per-review cap; a quiet review beats a long one. Within a severity, what a
// rule (or the secret scan) found deterministically comes before a model's guess.

import type { AnchoredComment } from "../core/comments.js";
import { type Category, SEVERITY_RANK } from "../core/severity.js";

const CATEGORY_RANK: Record<Category, number> = {
  security: 0,
  bug: 1,
  performance: 2,
  test: 3,
  maintainability: 4,
  style: 5,
};

/** 0 for a deterministic finding ("rule:<id>", committed secrets included), 1 for the model's. */
function rankSource(comment: AnchoredComment): number {
  return comment.source.startsWith("rule:") ? 0 : 1;
}

export function rankComments(
  comments: AnchoredComment[],
  maxComments: number,
): { posted: AnchoredComment[]; overflow: AnchoredComment[] } {
  const ranked = [...comments].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      rankSource(a) - rankSource(b) ||
      CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] ||
      a.path.localeCompare(b.path) ||
      a.line - b.line,
  );
  return { posted: ranked.slice(0, maxComments), overflow: ranked.slice(maxComments) };
}

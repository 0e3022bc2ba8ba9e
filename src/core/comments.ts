// Findings on their way from a rule or the model to the review: proposed,
// anchored to a diff line, or already posted on an earlier commit.

import type { Side } from "./diff.js";
import type { Category, Severity } from "./severity.js";

/** A comment as the model (or a rule) proposes it, already schema-validated, not yet anchored. */
export interface ProposedComment {
  path: string;
  line: number;
  startLine?: number;
  side: Side;
  severity: Severity;
  category: Category;
  body: string;
  /** "model" or "rule:<id>". */
  source: string;
}

/** A comment that sits on a diff line and is safe to post. */
export interface AnchoredComment extends ProposedComment {
  /** How far the anchor moved from where the model put it (0 when it landed exactly). */
  movedBy: number;
}

/** A comment foureyes posted on an earlier commit of the same PR (for de-duplication). */
export interface PriorComment {
  path: string;
  line: number | null;
  body: string;
}

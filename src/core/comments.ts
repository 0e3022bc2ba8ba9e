// Findings on their way from a rule or the model to the review: proposed,
// anchored to a diff line, or already posted on an earlier commit.

import type { Side } from "./diff.js";
import type { FindingIdentity } from "./markers.js";
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
  /** A one-line title the model gave (untrusted like the body); without one the review derives it from the body. */
  title?: string;
  /** "model" or "rule:<id>". */
  source: string;
}

/** A comment that sits on a diff line and is safe to post. */
export interface AnchoredComment extends ProposedComment {
  /** How far the anchor moved from where the model put it (0 when it landed exactly). */
  movedBy: number;
  /** Set by the pipeline before publishing: carried in the posted comment's hidden marker. */
  identity?: FindingIdentity;
}

/** A comment foureyes posted on an earlier commit of the same PR (for de-duplication). */
export interface PriorComment {
  path: string;
  line: number | null;
  body: string;
  /** From the comment's finding marker, when it has one. */
  fingerprint?: string;
  /** Why the team set it aside, when it did: its thread was resolved, it got a 👎, or a reply dismissed it. */
  dismissed?: "resolved" | "thumbs-down" | "reply";
}

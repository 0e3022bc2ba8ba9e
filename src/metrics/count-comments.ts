// foureyes_comments_total{source,outcome}: findings posted, or dropped and why.

import { Counter } from "prom-client";

import { metricsRegistry } from "./metrics-registry.js";

/** Where a finding came from: the model or a deterministic rule pack. */
export type CommentSource = "model" | "rule";

export type CommentOutcome =
  | "posted"
  /** Listed briefly in the review body instead of inline (over the repository's maxComments). */
  | "over-cap"
  | "below-severity"
  | "off-diff"
  | "duplicate"
  /** The model's comment failed its schema. */
  | "invalid";

const comments = new Counter({
  name: "foureyes_comments_total",
  help: "Review findings by source (model, rule) and outcome (posted, or dropped with its reason).",
  labelNames: ["source", "outcome"] as const,
  registers: [metricsRegistry],
});

export function countComments(source: CommentSource, outcome: CommentOutcome, count: number): void {
  if (count > 0) comments.inc({ source, outcome }, count);
}

// foureyes_github_write_wait_seconds{kind}: how long a write to GitHub waited
// for GitHub's pace (the content budget, or a hold after a secondary rate
// limit) before it was sent. kind: "content" (reviews, comments, issues,
// reactions) or "other" (check runs, edits).

import { Histogram } from "prom-client";

import { metricsRegistry } from "./metrics-registry.js";

const waitSeconds = new Histogram({
  name: "foureyes_github_write_wait_seconds",
  help: "Seconds a write to GitHub waited for the installation's content budget or a secondary-rate-limit hold, by kind (content, other).",
  labelNames: ["kind"] as const,
  buckets: [0.1, 1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600],
  registers: [metricsRegistry],
});

export function observeWriteWait(kind: "content" | "other", seconds: number): void {
  waitSeconds.observe({ kind }, seconds);
}

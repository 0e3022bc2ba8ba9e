// foureyes_jobs_total{queue,outcome}: job attempts by how they ended.

import { Counter } from "prom-client";

import { boundLabel } from "./bound-label.js";
import { metricsRegistry } from "./metrics-registry.js";
import { QUEUE_NAMES } from "./queue-names.js";

/**
 * retrying: an attempt failed and the job will run again; failed: it will not; stalled: its worker died or hung;
 * deferred: put back on the queue unstarted until its installation may write to GitHub again (no attempt used).
 */
export type JobOutcome = "completed" | "retrying" | "failed" | "stalled" | "deferred";

const jobs = new Counter({
  name: "foureyes_jobs_total",
  help: "Job attempts, by queue and outcome (completed, retrying, failed, stalled, deferred).",
  labelNames: ["queue", "outcome"] as const,
  registers: [metricsRegistry],
});

export function countJob(queue: string, outcome: JobOutcome): void {
  jobs.inc({ queue: boundLabel(queue, QUEUE_NAMES), outcome });
}

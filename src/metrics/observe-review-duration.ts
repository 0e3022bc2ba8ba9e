// foureyes_review_duration_seconds: from the webhook (the job's creation) to
// the posted review, retries and queue wait included: what the author waits.

import { Histogram } from "prom-client";

import { metricsRegistry } from "./metrics-registry.js";

const reviewDuration = new Histogram({
  name: "foureyes_review_duration_seconds",
  help: "Seconds from the webhook (job created) to the posted review.",
  buckets: [5, 15, 30, 60, 120, 300, 600, 1200, 3600],
  registers: [metricsRegistry],
});

/** `queuedAt`: epoch milliseconds the job was created (BullMQ's job.timestamp). */
export function observeReviewDuration(queuedAt: number, now = Date.now()): void {
  reviewDuration.observe(Math.max(0, (now - queuedAt) / 1000));
}

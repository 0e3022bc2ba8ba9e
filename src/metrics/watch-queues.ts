// foureyes_queue_jobs{queue,state} and foureyes_queue_oldest_waiting_seconds{queue},
// read from BullMQ at scrape time, so they hold for every process sharing the
// Redis (web and worker both serve them; dashboards take the max).

import type { Queue } from "bullmq";
import { Gauge } from "prom-client";

import { boundLabel } from "./bound-label.js";
import { metricsRegistry } from "./metrics-registry.js";
import { QUEUE_NAMES } from "./queue-names.js";

const STATES = ["waiting", "prioritized", "active", "delayed", "failed", "completed", "waiting-children"] as const;

type WatchedQueue = Pick<Queue, "name" | "getJobCounts" | "getJobs">;

const watched = new Set<WatchedQueue>();

new Gauge({
  name: "foureyes_queue_jobs",
  help: "Jobs in each queue, by state (read from Redis at scrape time).",
  labelNames: ["queue", "state"] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    await Promise.all([...watched].map((queue) => readCounts(queue, this)));
  },
});

new Gauge({
  name: "foureyes_queue_oldest_waiting_seconds",
  help: "Age of the oldest job waiting for a worker, in seconds (0 when none waits).",
  labelNames: ["queue"] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    await Promise.all([...watched].map((queue) => readOldestWaiting(queue, this)));
  },
});

/** Serve these queues' sizes on /metrics until the returned function is called. */
export function watchQueues(queues: readonly WatchedQueue[]): () => void {
  for (const queue of queues) watched.add(queue);
  return () => {
    for (const queue of queues) watched.delete(queue);
  };
}

// Redis down at scrape time: the queue's series are left out (the scrape and the process metrics still answer).
async function readCounts(queue: WatchedQueue, gauge: Gauge<"queue" | "state">): Promise<void> {
  const counts = await queue.getJobCounts(...STATES).catch(() => undefined);
  if (!counts) return;
  const name = boundLabel(queue.name, QUEUE_NAMES);
  for (const state of STATES) gauge.set({ queue: name, state }, counts[state] ?? 0);
}

/*
 * Waiting plain (a list, oldest last) or by priority (a sorted set, highest
 * priority first, then oldest): the first of each. While a rerun (priority 1)
 * waits, it stands for the prioritized set; reruns are served first, so that lasts briefly.
 */
async function readOldestWaiting(queue: WatchedQueue, gauge: Gauge<"queue">): Promise<void> {
  const oldest = await queue.getJobs(["waiting", "prioritized"], 0, 0, true).catch(() => undefined);
  if (!oldest) return;
  const timestamps = oldest.map((job) => job.timestamp);
  const seconds = timestamps.length === 0 ? 0 : Math.max(0, (Date.now() - Math.min(...timestamps)) / 1000);
  gauge.set({ queue: boundLabel(queue.name, QUEUE_NAMES) }, seconds);
}

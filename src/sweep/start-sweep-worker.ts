// Wiring for the worker process: the sweep queue with its two schedules and
// the worker that runs them. Schedules are upserted by id, so every worker
// process may call this; the queue closes with the worker.

import type { Worker } from "bullmq";

import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import { createSweepProcessor, type SweepProcessorDeps } from "./process-sweep-job.js";
import type { SweepJobResult } from "./sweep-job.js";
import { createSweepQueue, createSweepWorker, ensureSweepSchedules } from "./sweep-queue.js";

export function startSweepWorker(
  connection: RedisClient,
  deps: SweepProcessorDeps,
  options: { prefix?: string; everyMs: number; logger: Logger },
): Worker<unknown, SweepJobResult> {
  const queue = createSweepQueue(connection, { prefix: options.prefix });
  ensureSweepSchedules(queue, options.everyMs).catch((error: unknown) => {
    // Reviews must not wait for this; the next start (of any worker) tries again.
    options.logger.warn({ err: error }, "could not schedule the sweep for missed webhooks and pull requests");
  });
  const worker = createSweepWorker(connection, createSweepProcessor(deps), { prefix: options.prefix, logger: options.logger });
  worker.on("closed", () => void queue.close());
  return worker;
}

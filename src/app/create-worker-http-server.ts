// The worker process's own small HTTP server: /healthz, /readyz (Redis and
// the model server answer), /metrics, and, when the operator switched it on,
// the queue view under /queues. It observes the queues through Queue objects
// of its own, closed with the server.

import { createServer, type Server } from "node:http";

import type { Queue } from "bullmq";
import express from "express";

import { createQueue } from "../../queues/create-queue.js";
import { COMMAND_QUEUE_NAME } from "../commands/command-job.js";
import type { QueueViewSettings } from "../config/queue-view-from.js";
import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import { watchQueues } from "../metrics/watch-queues.js";
import { REPORT_QUEUE_NAME } from "../reports/report-job.js";
import { REVIEW_QUEUE_NAME } from "../review/review-job.js";
import { mountQueueView } from "./mount-queue-view.js";
import { createProbeHandler } from "./serve-probes.js";

export interface WorkerHttpServerDeps {
  redis: RedisClient;
  /** FOUREYES_QUEUE_PREFIX: the queues the workers take jobs from. */
  prefix?: string;
  /** Resolves when the model server answers (GET /v1/models). */
  checkModelServer(): Promise<unknown>;
  /** Set: the queue view is served under /queues behind basic auth with these. */
  queueView?: QueueViewSettings;
  logger: Logger;
}

export function createWorkerHttpServer(deps: WorkerHttpServerDeps): Server {
  const queues = [REVIEW_QUEUE_NAME, COMMAND_QUEUE_NAME, REPORT_QUEUE_NAME].map(
    (name): Queue => createQueue(name, deps.redis, { prefix: deps.prefix, defaultJobOptions: {} }),
  );
  // The shared connection's errors are logged where it is made (src/worker.ts); unheard, they would crash the process.
  for (const queue of queues) queue.on("error", (error) => deps.logger.debug({ err: error, queue: queue.name }, "queue view: Redis error"));
  const probes = createProbeHandler(
    [
      { name: "redis", check: () => deps.redis.ping() },
      { name: "model server", check: deps.checkModelServer },
    ],
    deps.logger,
    // The worker's port receives nothing from outside: its own probes and metrics.
    { metrics: true },
  );
  const app = express();
  app.disable("x-powered-by");
  app.use((request, response, next) => {
    if (!probes(request, response)) next();
  });
  if (deps.queueView) mountQueueView(app, queues, deps.queueView);
  app.use((_request, response) => {
    response.status(404).type("text/plain").send("not found\n");
  });
  const server = createServer(app);
  const unwatch = watchQueues(queues);
  server.on("close", () => {
    unwatch();
    void Promise.all(queues.map((queue) => queue.close()));
  });
  return server;
}

// Entry point of the web process: reads the environment, connects to Redis,
// and serves GitHub webhooks and the probes, with /metrics on an internal
// port of its own. The review work happens in the worker process
// (src/worker.ts).

import { once } from "node:events";
import type { AddressInfo } from "node:net";

import { connectRedis } from "../queues/connection.js";
import { createProbot } from "./app/create-probot.js";
import { createWebMetricsServer, createWebServer } from "./app/create-web-server.js";
import { exitOnStartupFailure } from "./app/exit-on-startup-failure.js";
import { loadAppEnv } from "./app/load-app-env.js";
import { createCommandQueue } from "./commands/command-queue.js";
import { loadServerEnv } from "./config/server-env.js";
import { createLogger } from "./core/logger.js";
import { readAppIdentity } from "./github/read-app-identity.js";
import { createReportQueue } from "./reports/report-queue.js";
import { createReviewQueue } from "./review/review-queue.js";

async function main(): Promise<void> {
  // 1. Environment
  const env = loadServerEnv();
  const appEnv = loadAppEnv(process.env, { requireWebhookSecret: true });
  const logger = createLogger(env.LOG_LEVEL, "foureyes-web");
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";

  // 2. Redis and the queue
  const redis = await connectRedis(env, { role: "producer" });
  const queue = createReviewQueue(redis, {
    attempts: env.FOUREYES_JOB_ATTEMPTS,
    backoffMs: env.FOUREYES_JOB_BACKOFF_MS,
    debounceMs: env.FOUREYES_DEBOUNCE_SECONDS * 1000,
    // Must match the worker's: several installations can share one Redis under different prefixes.
    prefix: env.FOUREYES_QUEUE_PREFIX,
  });
  const reportQueue = createReportQueue(redis, { prefix: env.FOUREYES_QUEUE_PREFIX });
  const commandQueue = createCommandQueue(redis, { prefix: env.FOUREYES_QUEUE_PREFIX });

  // 3. Webhooks; the event record counts only this app's reviews as foureyes'.
  const probot = createProbot(appEnv, logger);
  const app = await readAppIdentity(await probot.auth());
  logger.info({ app: app.login }, "GitHub App identity read");
  const server = await createWebServer({
    probot,
    app,
    queue,
    reportQueue,
    commandQueue,
    redis,
    keyPrefix: env.FOUREYES_QUEUE_PREFIX,
    webhookPath: appEnv.webhookPath,
  });
  server.listen(port, host);
  await once(server, "listening");
  const bound = server.address() as AddressInfo;
  logger.info({ port: bound.port, host, webhookPath: appEnv.webhookPath }, "listening for GitHub webhooks");
  const metricsServer = createWebMetricsServer({ redis, log: logger });
  metricsServer.listen(env.FOUREYES_WEB_METRICS_PORT, host);
  await once(metricsServer, "listening");
  logger.info({ port: (metricsServer.address() as AddressInfo).port, host }, "serving /metrics, /healthz and /readyz on the internal port");

  // 4. Shutdown: stop accepting, let in-flight webhooks finish, close Redis.
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    metricsServer.close();
    server.close(() => {
      void Promise.all([queue.close(), reportQueue.close(), commandQueue.close()])
        .then(() => redis.quit())
        .finally(() => process.exit(0));
    });
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => exitOnStartupFailure("web", error));

// The web process's HTTP servers. The public one: Probot's webhook middleware
// (signature check, then the app), counted per delivery, and the probes
// /healthz and /readyz (Redis answers: without it no webhook can be queued).
// /metrics (installations, queue sizes, rates) is served only by the second,
// internal one (FOUREYES_WEB_METRICS_PORT), with the same probes.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { createNodeMiddleware, type Probot } from "probot";

import type { CommandQueue } from "../commands/command-queue.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import { countWebhook } from "../metrics/count-webhook.js";
import { watchQueues } from "../metrics/watch-queues.js";
import type { ReportQueue } from "../reports/report-queue.js";
import type { ReviewQueue } from "../review/review-queue.js";
import { createApp } from "./create-app.js";
import { createProbeHandler, type ReadinessCheck } from "./serve-probes.js";

export interface WebServerDeps {
  probot: Probot;
  /** foureyes' own account, read once at start (see src/github/read-app-identity.ts). */
  app: AppIdentity;
  queue: ReviewQueue;
  reportQueue?: ReportQueue;
  /** Slash-command jobs; without it, comments are not read. */
  commandQueue?: CommandQueue;
  /** Pinged by /readyz (without Redis no webhook can be queued); also holds the report's event record. */
  redis: RedisClient;
  /** First part of the event record's keys (FOUREYES_QUEUE_PREFIX). */
  keyPrefix?: string;
  webhookPath: string;
}

export async function createWebServer(deps: WebServerDeps): Promise<Server> {
  const app = createApp({
    app: deps.app,
    queue: deps.queue,
    redis: deps.redis,
    keyPrefix: deps.keyPrefix,
    reportQueue: deps.reportQueue,
    commandQueue: deps.commandQueue,
  });
  const middleware = await createNodeMiddleware(app, {
    probot: deps.probot,
    webhooksPath: deps.webhookPath,
  });
  const probes = createProbeHandler(readiness(deps.redis), deps.probot.log, { metrics: false });
  const server = createServer((request, response) => {
    if (probes(request, response)) return;
    if (new URL(request.url ?? "/", "http://web").pathname === deps.webhookPath) countWebhookOnFinish(request, response);
    void middleware(request, response, () => {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    });
  });
  // The queues' sizes on /metrics, for as long as this server runs.
  server.on("close", watchQueues([deps.queue, ...(deps.reportQueue ? [deps.reportQueue] : []), ...(deps.commandQueue ? [deps.commandQueue] : [])]));
  return server;
}

/** The internal server: /healthz, /readyz and /metrics, nothing else. */
export function createWebMetricsServer(deps: { redis: RedisClient; log: Pick<Logger, "warn" | "error"> }): Server {
  const probes = createProbeHandler(readiness(deps.redis), deps.log, { metrics: true });
  return createServer((request, response) => {
    if (!probes(request, response)) response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  });
}

function readiness(redis: RedisClient): ReadinessCheck[] {
  return [{ name: "redis", check: () => redis.ping() }];
}

/** foureyes_webhooks_total by the event header (bounded to known events) and the answer's status class. */
function countWebhookOnFinish(request: IncomingMessage, response: ServerResponse): void {
  response.once("finish", () => {
    const status = response.statusCode;
    const event = request.headers["x-github-event"];
    countWebhook(typeof event === "string" ? event : undefined, status < 400 ? "accepted" : status < 500 ? "rejected" : "failed");
  });
}

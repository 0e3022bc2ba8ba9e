// The web process's HTTP server: Probot's webhook middleware (signature check,
// then the app) and a /healthz route that says whether Redis answers.

import { createServer, type Server } from "node:http";

import type { Redis } from "ioredis";
import { createNodeMiddleware, type Probot } from "probot";

import type { CommandQueue } from "../commands/command-queue.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { ReportQueue } from "../reports/report-queue.js";
import type { ReviewQueue } from "../review/review-queue.js";
import { createApp } from "./create-app.js";

export interface WebServerDeps {
  probot: Probot;
  /** foureyes' own account, read once at start (see src/github/read-app-identity.ts). */
  app: AppIdentity;
  queue: ReviewQueue;
  reportQueue?: ReportQueue;
  /** Slash-command jobs; without it, comments are not read. */
  commandQueue?: CommandQueue;
  /** Pinged by /healthz (without Redis no webhook can be queued); also holds the report's event record. */
  redis: Redis;
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
  return createServer((request, response) => {
    if (request.url === "/healthz" && (request.method === "GET" || request.method === "HEAD")) {
      deps.redis
        .ping()
        .then(() => response.writeHead(200, { "content-type": "text/plain" }).end("ok\n"))
        .catch((error: Error) => {
          // Anyone can ask: the answer is fixed words, the client's error (hosts, settings) is for the operator's log.
          deps.probot.log.warn({ err: error }, "/healthz: Redis did not answer; answered 503");
          response.writeHead(503, { "content-type": "text/plain" }).end("redis unreachable\n");
        });
      return;
    }
    void middleware(request, response, () => {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    });
  });
}

// Starts the worker's HTTP server (probes, metrics, queue view) on
// FOUREYES_WORKER_HTTP_PORT, with a one-line error naming the variable when
// the settings are wrong or the port is taken.

import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import { queueViewFrom } from "../config/queue-view-from.js";
import { InvalidServerEnvError, modelSettingsFrom, type ServerEnv } from "../config/server-env.js";
import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import { checkModelServer } from "../llm/check-model-server.js";
import { createWorkerHttpServer } from "./create-worker-http-server.js";

export async function startWorkerHttpServer(env: ServerEnv, redis: RedisClient, logger: Logger, host = "0.0.0.0"): Promise<Server> {
  const queueView = queueViewFrom(env);
  const server = createWorkerHttpServer({
    redis,
    prefix: env.FOUREYES_QUEUE_PREFIX,
    checkModelServer: checkModelServer(modelSettingsFrom(env)),
    queueView,
    logger,
  });
  server.listen(env.FOUREYES_WORKER_HTTP_PORT, host);
  try {
    // once() rejects when the server emits "error" first (EADDRINUSE, EACCES).
    await once(server, "listening");
  } catch (error) {
    server.close();
    throw new InvalidServerEnvError(
      `the worker cannot listen on port ${env.FOUREYES_WORKER_HTTP_PORT} (${(error as Error).message}) — set FOUREYES_WORKER_HTTP_PORT to a free port`,
    );
  }
  const { port } = server.address() as AddressInfo;
  logger.info({ port, queueView: queueView !== undefined }, "worker serving /healthz, /readyz and /metrics");
  return server;
}

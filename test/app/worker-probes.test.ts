// The worker's own HTTP server: /healthz says the process is up, /readyz
// whether Redis and the model server answer, /metrics serves Prometheus text.
// Attack: anyone who can reach the port asks while a dependency is down; the
// answer must not carry the model server's or Redis' URL or credentials.

import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { startWorkerHttpServer } from "../../src/app/start-worker-http-server.js";
import { loadServerEnv } from "../../src/config/server-env.js";
import { type ModelServer, startModelServer } from "../helpers/model-server.js";
import { type RedisProcess, startRedis } from "../helpers/redis-server.js";

const REDIS_PASSWORD = "redis-pass-0f9e8d";
const MODEL_USER = "gateway-user";
const MODEL_PASSWORD = "model-pass-7a6b5c";
const MODEL_KEY = "sk-model-key-4d3c2b";

let redisProcess: RedisProcess;
let redis: Redis;
let model: ModelServer;
let server: Server;
let url: string;
let logText: string[];
let secrets: string[];

beforeEach(async () => {
  redisProcess = await startRedis();
  const admin = await connectRedis(redisProcess.url, { role: "producer" });
  await admin.config("SET", "requirepass", REDIS_PASSWORD);
  admin.disconnect();
  const redisUrl = `redis://:${REDIS_PASSWORD}@127.0.0.1:${redisProcess.port}`;
  redis = await connectRedis(redisUrl, { role: "worker" });
  redis.on("error", () => undefined); // the outage below is on purpose
  model = await startModelServer();
  secrets = [REDIS_PASSWORD, MODEL_USER, MODEL_PASSWORD, MODEL_KEY, "127.0.0.1", String(redisProcess.port), new URL(model.url).port];
  await startServer(redisUrl, model.url);
});

async function startServer(redisUrl: string, modelUrl: string): Promise<void> {
  logText = [];
  const env = loadServerEnv({
    REDIS_URL: redisUrl,
    FOUREYES_MODEL_URL: modelUrl,
    FOUREYES_MODEL_API_KEY: MODEL_KEY,
    FOUREYES_QUEUE_PREFIX: `test-${randomUUID()}`,
    FOUREYES_WORKER_HTTP_PORT: "0",
  });
  server = await startWorkerHttpServer(env, redis, pino({ level: "info" }, { write: (line: string) => void logText.push(line) }), "127.0.0.1");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stopServer(): Promise<void> {
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  });
}

afterEach(async () => {
  await stopServer();
  redis.disconnect();
  await model.close();
  await redisProcess.stop();
});

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, text: await response.text() };
}

function expectNoSecrets(text: string): void {
  for (const secret of secrets) expect(text, `answer holds ${secret}`).not.toContain(secret);
}

describe("worker probes", () => {
  it("/healthz and /readyz say ok and ready while Redis and the model server answer", async () => {
    expect(await get("/healthz")).toEqual({ status: 200, text: "ok\n" });
    expect(await get("/readyz")).toEqual({ status: 200, text: "ready\n" });
  });

  it("/readyz names the model server, in fixed words, when it is down; the log has the reason", async () => {
    await model.close();
    const answer = await get("/readyz");
    expect(answer).toEqual({ status: 503, text: "not ready: model server unreachable\n" });
    expectNoSecrets(answer.text);
    expect((await get("/healthz")).status).toBe(200);
    expect(logText.some((line) => line.includes("/readyz: model server did not answer"))).toBe(true);
    expect(logText.join("")).not.toContain(MODEL_KEY);
  });

  it("/readyz is not ready, in fixed words, with a model URL carrying credentials (the SDK cannot send them); the log says why", async () => {
    await stopServer();
    await startServer(`redis://:${REDIS_PASSWORD}@127.0.0.1:${redisProcess.port}`, model.url.replace("http://", `http://${MODEL_USER}:${MODEL_PASSWORD}@`));
    const answer = await get("/readyz");
    expect(answer).toEqual({ status: 503, text: "not ready: model server unreachable\n" });
    expectNoSecrets(answer.text);
    expect(logText.some((line) => line.includes("URL that includes credentials"))).toBe(true);
    // The operator's log says why, but not the password.
    expect(logText.join("")).not.toContain(MODEL_PASSWORD);
  });

  it("/readyz names Redis when it is down, without its URL or password", async () => {
    await redisProcess.stop();
    redisProcess = { ...redisProcess, stop: async () => undefined };
    const answer = await get("/readyz");
    expect(answer).toEqual({ status: 503, text: "not ready: redis unreachable\n" });
    expectNoSecrets(answer.text);
    expect(logText.join("")).not.toContain(REDIS_PASSWORD);
  });

  it("/metrics serves the foureyes metrics and the process metrics, and no URL or credential", async () => {
    const answer = await get("/metrics");
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^# TYPE foureyes_queue_jobs gauge$/m);
    expect(answer.text).toMatch(/^foureyes_queue_jobs\{queue="review",state="waiting"\} 0$/m);
    expect(answer.text).toMatch(/^process_cpu_seconds_total /m);
    expectNoSecrets(answer.text);
  });

  it("stops with one line naming FOUREYES_WORKER_HTTP_PORT when the port is taken", async () => {
    const taken = (server.address() as AddressInfo).port;
    const env = loadServerEnv({ REDIS_URL: redisProcess.url, FOUREYES_WORKER_HTTP_PORT: String(taken) });
    await expect(startWorkerHttpServer(env, redis, pino({ level: "silent" }), "127.0.0.1")).rejects.toThrow(
      new RegExp(`^the worker cannot listen on port ${taken} \\(.*EADDRINUSE.*\\) — set FOUREYES_WORKER_HTTP_PORT to a free port$`),
    );
  });

  it("anything else is 404, and the queue view is off unless configured", async () => {
    expect((await get("/queues")).status).toBe(404);
    expect((await get("/nothing-here")).status).toBe(404);
  });
});

// The web process's probes answer anyone who can reach it: /healthz says the
// process is up, /readyz whether Redis answers; when Redis is down /readyz says
// so in fixed words, and the reason (the client's error, which may name hosts
// and settings) goes to the log for the operator.

import { generateKeyPairSync, randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Redis } from "ioredis";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createWebServer } from "../../src/app/create-web-server.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { type RedisProcess, startRedis } from "../helpers/redis-server.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

let redisProcess: RedisProcess;
let redis: Redis;
let queue: ReviewQueue;
let server: Server;
let url: string;
let logText: string[];

beforeEach(async () => {
  redisProcess = await startRedis();
  redis = await connectRedis(redisProcess.url, { role: "producer" });
  redis.on("error", () => undefined); // the outage below is on purpose
  queue = createReviewQueue(redis, { prefix: `test-${randomUUID()}`, attempts: 1, backoffMs: 10 });
  logText = [];
  const log = pino({ level: "info" }, { write: (line: string) => void logText.push(line) });
  const probot = new Probot({ appId: 1, privateKey, secret: "s", log });
  server = await createWebServer({ probot, app: TEST_APP, queue, redis, webhookPath: "/api/github/webhooks" });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  });
  await queue.close();
  redis.disconnect();
  await redisProcess.stop();
});

describe("/healthz and /readyz", () => {
  it("say ok and ready while Redis answers", async () => {
    const response = await fetch(`${url}/healthz`);
    expect([response.status, await response.text()]).toEqual([200, "ok\n"]);
    const ready = await fetch(`${url}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([200, "ready\n"]);
  });

  it("/readyz says only that Redis is unreachable when it is down (the log has the client's error); /healthz stays ok", async () => {
    await redisProcess.stop();
    const response = await fetch(`${url}/readyz`);
    expect([response.status, await response.text()]).toEqual([503, "not ready: redis unreachable\n"]);
    const logged = logText.map((line) => JSON.parse(line) as { msg: string; err?: { message?: string } });
    const entry = logged.find((line) => line.msg.startsWith("/readyz: redis did not answer"));
    expect(entry?.err?.message).toMatch(/\S/);
    const health = await fetch(`${url}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, "ok\n"]);
    // Back up, so the queue can close.
    redisProcess = await startRedis({ port: redisProcess.port });
  });
});

// The web process's /metrics, on its internal port: webhook deliveries counted by event and
// outcome, queue sizes read from BullMQ at scrape time. Attack: a sender
// (signed or not) picks the x-github-event header; it must never become a
// label value (each new value would be a new series Prometheus keeps).

import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Redis } from "ioredis";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createWebMetricsServer, createWebServer } from "../../src/app/create-web-server.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { webhookPayload } from "../helpers/webhook-payloads.js";

const SECRET = "metrics-webhook-secret";
const HOSTILE_EVENT = 'pull_request",outcome="accepted"} 1e9 foureyes_evil{x="';
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

let redis: Redis;
let queue: ReviewQueue;
let server: Server;
let metricsServer: Server;
let url: string;
let metricsUrl: string;

beforeEach(async () => {
  redis = await connectRedis(inject("redisUrl"), { role: "producer" });
  queue = createReviewQueue(redis, { prefix: `test-${randomUUID()}`, attempts: 1, backoffMs: 10 });
  const probot = new Probot({ appId: 1, privateKey, secret: SECRET, log: pino({ level: "silent" }) });
  server = await createWebServer({ probot, app: TEST_APP, queue, redis, webhookPath: "/api/github/webhooks" });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  metricsServer = createWebMetricsServer({ redis, log: pino({ level: "silent" }) });
  await new Promise<void>((resolve) => metricsServer.listen(0, "127.0.0.1", resolve));
  metricsUrl = `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => metricsServer.close(resolve));
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
});

function deliver(event: string, payload: unknown, secret = SECRET): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
}

async function scrape(): Promise<string> {
  const response = await fetch(`${metricsUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one series, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("web /metrics", () => {
  it("counts deliveries by event and outcome, and the queued review in the queue's size", async () => {
    const payload = webhookPayload("pull_request", "opened", { installationId: 77 });
    expect((await deliver("pull_request", payload)).status).toBe(200);
    expect((await deliver("pull_request", payload, "wrong-secret")).status).toBeGreaterThanOrEqual(400);
    const text = await scrape();
    expect(sample(text, 'foureyes_webhooks_total{event="pull_request",outcome="accepted"}')).toBe(1);
    expect(sample(text, 'foureyes_webhooks_total{event="pull_request",outcome="rejected"}')).toBe(1);
    // Waiting for a worker: plain or by priority.
    const waiting = ["waiting", "prioritized"].map((state) => sample(text, `foureyes_queue_jobs{queue="review",state="${state}"}`) ?? NaN);
    expect(waiting[0]! + waiting[1]!).toBe(1);
    expect(sample(text, 'foureyes_queue_oldest_waiting_seconds{queue="review"}')).toBeGreaterThanOrEqual(0);
  });

  it("never turns a sender's event name into a label value, signed or not", async () => {
    const others = (text: string) =>
      [...text.matchAll(/^foureyes_webhooks_total\{event="other",outcome="\w+"\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
    const before = others(await scrape());
    const payload = webhookPayload("pull_request", "opened", { installationId: 77 });
    await deliver(HOSTILE_EVENT, payload);
    await deliver(HOSTILE_EVENT, payload, "wrong-secret");
    await deliver("x".repeat(5_000), payload);
    const text = await scrape();
    expect(text).not.toContain("foureyes_evil");
    expect(text).not.toContain("xxxxxxxx");
    const events = new Set([...text.matchAll(/^foureyes_webhooks_total\{event="([^"]*)"/gm)].map((match) => match[1]));
    expect([...events].every((event) => event === "other" || event === "pull_request"), [...events].join(", ")).toBe(true);
    expect(others(text) - before).toBe(3);
  });

  it("keeps /metrics off the port GitHub's webhooks arrive on (installations, queue sizes and rates stay inside)", async () => {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("foureyes_");
    // The probes stay there: the platform's kubelet asks that port.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // The internal port answers the probes and /metrics, and nothing else (no webhooks).
    expect((await fetch(`${metricsUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${metricsUrl}/api/github/webhooks`, { method: "POST" })).status).toBe(404);
  });

  it("counts only the webhook path, not probes or other paths", async () => {
    const total = (text: string) =>
      [...text.matchAll(/^foureyes_webhooks_total\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
    const before = total(await scrape());
    await fetch(`${url}/healthz`);
    await fetch(`${url}/nothing`, { method: "POST", headers: { "x-github-event": "pull_request" } });
    expect(total(await scrape())).toBe(before);
  });
});

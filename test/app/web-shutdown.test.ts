// The web process stopped with SIGTERM while a webhook delivery is on the
// wire: it accepts no new connection, answers the delivery in flight (its job
// is queued), then closes Redis and exits 0. The real web entry runs as a child
// process; the delivery's body is sent in two halves around the signal.

import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { once } from "node:events";
import { request } from "node:http";
import { resolve } from "node:path";

import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { reviewJobId } from "../../src/review/review-job.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { type LoopbackGitHub, startLoopbackGitHub } from "../helpers/loopback-github.js";
import { webhookPayload } from "../helpers/webhook-payloads.js";

const ROOT = resolve(import.meta.dirname, "../..");
const SECRET = "web-shutdown-secret";
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

let redis: Redis;
let queue: ReviewQueue;
let prefix: string;
let github: LoopbackGitHub;
let web: ChildProcess | undefined;

beforeEach(async () => {
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  queue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 1 });
  github = await startLoopbackGitHub();
});

afterEach(async () => {
  if (web && web.exitCode === null && web.signalCode === null) {
    web.kill("SIGKILL");
    await once(web, "exit");
  }
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.quit();
  await github.close();
});

/** Starts the web process; resolves with its port and a way to wait for a log line. */
async function startWeb(): Promise<{ port: number; logged(text: string): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/web.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      APP_ID: "12",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      REDIS_URL: inject("redisUrl"),
      FOUREYES_QUEUE_PREFIX: prefix,
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
      PORT: "0",
      HOST: "127.0.0.1",
      FOUREYES_WEB_METRICS_PORT: "0",
    },
  });
  web = child;
  let stdout = "";
  const waiters: { text: string; done: () => void }[] = [];
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    for (const waiter of waiters.filter((entry) => stdout.includes(entry.text))) waiter.done();
  });
  const logged = (text: string) => new Promise<void>((done) => (stdout.includes(text) ? done() : waiters.push({ text, done })));
  const port = await new Promise<number>((done, fail) => {
    child.stdout?.on("data", () => {
      const match = /"port":(\d+)/.exec(stdout);
      if (match) done(Number(match[1]));
    });
    child.on("exit", (code) => fail(new Error(`web exited ${code}: ${stdout}`)));
  });
  return { port, logged };
}

describe("the web process stopped with SIGTERM", () => {
  it("answers the delivery in flight, queues its job, refuses new connections and exits 0", { timeout: 60_000 }, async () => {
    const { port, logged } = await startWeb();
    const payload = webhookPayload("pull_request", "opened", { headSha: "5".repeat(40), installationId: 4242 });
    const body = Buffer.from(JSON.stringify(payload));
    const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

    const delivery = request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/github/webhooks",
      headers: {
        "content-type": "application/json",
        "content-length": String(body.length),
        "x-github-event": "pull_request",
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": signature,
      },
    });
    const answered = once(delivery, "response");
    // Half the body is on the wire when the signal comes.
    delivery.write(body.subarray(0, body.length / 2));
    await once(delivery, "socket");
    await new Promise((done) => delivery.socket?.once("connect", done) ?? done(undefined));
    web?.kill("SIGTERM");
    await logged("shutting down");

    // No new connection is accepted.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

    delivery.end(body.subarray(body.length / 2));
    const [response] = (await answered) as [import("node:http").IncomingMessage];
    response.resume();
    expect(response.statusCode).toBeGreaterThanOrEqual(200);
    expect(response.statusCode).toBeLessThan(300);
    const [code] = (await once(web as ChildProcess, "exit")) as [number | null];
    expect(code).toBe(0);

    const { owner, name } = payload.repository as { owner: { login: string }; name: string };
    const jobId = reviewJobId({ owner: owner.login, repo: name, pullNumber: payload.pull_request.number, headSha: "5".repeat(40) });
    expect(await queue.getJob(jobId)).toBeDefined();
  });
});

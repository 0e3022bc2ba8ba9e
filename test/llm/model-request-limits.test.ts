// No retry storms against a slow model server: the server's retry-after is
// honoured, and requests in flight are capped per server across every worker
// process by a Redis-backed limit whose leases come back when a worker dies.

import { randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import type { ModelSettings } from "../../src/config/server-env.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { createRequestSlots } from "../../src/llm/create-request-slots.js";
import { ModelUnavailableError } from "../../src/llm/errors.js";
import type { ModelRequest } from "../../src/llm/model-client.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";

const request = (chunkId: string): ModelRequest => ({
  system: "Answer with JSON.",
  user: "the code",
  schemaName: "review_comments",
  schema: { type: "object" },
  chunkId,
});

let server: ModelServer;
let connections: Redis[];

beforeEach(async () => {
  server = await startModelServer();
  connections = [];
});
afterEach(async () => {
  await server.close();
  await Promise.all(connections.map((connection) => connection.quit().catch(() => undefined)));
});

function settings(overrides: Partial<ModelSettings> = {}): ModelSettings {
  return { baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 8, timeoutMs: 5000, maxRetries: 1, maxOutputTokens: 256, ...overrides };
}

/** A worker process's own Redis connection. */
async function connection(): Promise<Redis> {
  const redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  connections.push(redis);
  return redis;
}

describe("retry-after from the model server", () => {
  it("waits as long as a 429's retry-after (seconds) says before trying again", async () => {
    const arrivals: number[] = [];
    server.reply((_body, call) => {
      arrivals.push(Date.now());
      return call === 0 ? { status: 429, retryAfterSeconds: 1 } : { content: '{"comments": []}' };
    });
    await createModelClient(settings()).complete(request("chunk-1"));
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(950);
  });

  it("waits as long as a 503's retry-after-ms says before trying again", async () => {
    const arrivals: number[] = [];
    server.reply((_body, call) => {
      arrivals.push(Date.now());
      return call === 0 ? { status: 503, retryAfterMs: 600 } : { content: '{"comments": []}' };
    });
    await createModelClient(settings()).complete(request("chunk-1"));
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(570);
  });
});

describe("a retry-after too long to wait in a request", () => {
  it("fails the request at once, naming the wait, instead of sleeping an hour holding its slot", async () => {
    server.reply({ status: 429, retryAfterSeconds: 3600 });
    const key = `test:${randomUUID()}`;
    const slots = createRequestSlots(await connection(), { key, limit: 1 });
    const client = createModelClient(settings({ maxRetries: 2 }), undefined, { slots });

    const failure = await client.complete(request("chunk-1")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ModelUnavailableError);
    expect((failure as Error).message).toMatch(/wait 3600 s .*retry-after/);
    expect(server.requests).toHaveLength(1);
    // The slot is free again for the next request.
    await (await slots.acquire())();
  });
});

describe("requests in flight per model server, across workers", () => {
  it("never has more than FOUREYES_MODEL_MAX_CONCURRENCY requests at a slow server from two workers", async () => {
    server.reply({ content: '{"comments": []}', delayMs: 150 });
    const key = `test:${randomUUID()}`;
    const workers = await Promise.all(
      [1, 2].map(async () => createModelClient(settings(), undefined, { slots: createRequestSlots(await connection(), { key, limit: 2 }) })),
    );
    const calls = workers.flatMap((client, worker) => Array.from({ length: 5 }, (_, index) => client.complete(request(`w${worker}-${index}`))));
    await Promise.all(calls);

    expect(server.requests).toHaveLength(10);
    expect(server.maxInFlight).toBe(2);
  });

  it("gives a dead worker's slot back when its lease runs out", async () => {
    const key = `test:${randomUUID()}`;
    const dying = await connection();
    await createRequestSlots(dying, { key, limit: 1, leaseMs: 300 }).acquire();
    // The worker dies holding its slot: no release, no more lease renewals.
    dying.disconnect();

    const survivor = createRequestSlots(await connection(), { key, limit: 1, leaseMs: 300 });
    const release = await survivor.acquire();
    await release();
  });

  it("renews a held lease, so a long request keeps its slot", async () => {
    const key = `test:${randomUUID()}`;
    const holder = createRequestSlots(await connection(), { key, limit: 1, leaseMs: 200 });
    const other = createRequestSlots(await connection(), { key, limit: 1, leaseMs: 200 });
    const release = await holder.acquire();
    let otherGotIt = false;
    const waiting = other.acquire().then((releaseOther) => {
      otherGotIt = true;
      return releaseOther;
    });
    // Several lease lengths pass while the holder still holds it.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(otherGotIt).toBe(false);
    await release();
    await (await waiting)();
    expect(otherGotIt).toBe(true);
  });
});

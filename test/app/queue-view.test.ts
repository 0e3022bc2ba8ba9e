// The operator's queue view (Bull Board) on the worker's port: off unless
// both variables are set; then every request under /queues needs the right
// user and password (attack: none, a wrong one, a right user with a wrong password).

import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { startWorkerHttpServer } from "../../src/app/start-worker-http-server.js";
import { InvalidServerEnvError, loadServerEnv } from "../../src/config/server-env.js";

const USER = "operator";
const PASSWORD = "correct horse battery staple";

let redis: Redis;
let server: Server | undefined;
let url: string;

beforeEach(async () => {
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
});

afterEach(async () => {
  if (server) {
    const closing = new Promise((resolve) => server?.close(resolve));
    server.closeAllConnections();
    await closing;
  }
  server = undefined;
  redis.disconnect();
});

async function start(view: Record<string, string>): Promise<void> {
  const env = loadServerEnv({ FOUREYES_QUEUE_PREFIX: `test-${randomUUID()}`, FOUREYES_WORKER_HTTP_PORT: "0", ...view });
  server = await startWorkerHttpServer(env, redis, pino({ level: "silent" }), "127.0.0.1");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function basic(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` };
}

describe("queue view", () => {
  it("is off by default: 404", async () => {
    await start({});
    expect((await fetch(`${url}/queues`)).status).toBe(404);
    expect((await fetch(`${url}/queues/api/queues`, { headers: basic(USER, PASSWORD) })).status).toBe(404);
  });

  it("asks for credentials (401) without them, with a wrong user or a wrong password", async () => {
    await start({ FOUREYES_QUEUE_VIEW_USER: USER, FOUREYES_QUEUE_VIEW_PASSWORD: PASSWORD });
    for (const headers of [{}, basic("intruder", PASSWORD), basic(USER, "guess"), basic(USER, `${PASSWORD}x`), { authorization: "Bearer x" }]) {
      for (const path of ["/queues", "/queues/api/queues"]) {
        const response = await fetch(`${url}${path}`, { headers });
        expect(response.status, `${path} with ${JSON.stringify(headers)}`).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
        expect(await response.text()).toBe("authentication required\n");
      }
    }
  });

  it("shows the queues with the right credentials", async () => {
    await start({ FOUREYES_QUEUE_VIEW_USER: USER, FOUREYES_QUEUE_VIEW_PASSWORD: PASSWORD });
    const page = await fetch(`${url}/queues`, { headers: basic(USER, PASSWORD) });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const api = await fetch(`${url}/queues/api/queues`, { headers: basic(USER, PASSWORD) });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(queues.map((queue) => [queue.name, queue.readOnlyMode]).sort()).toEqual([
      ["command", true],
      ["report", true],
      ["review", true],
    ]);
  });

  it("stops with the missing variable's name when only one of the two is set", async () => {
    await expect(start({ FOUREYES_QUEUE_VIEW_USER: USER })).rejects.toThrow(InvalidServerEnvError);
    await expect(start({ FOUREYES_QUEUE_VIEW_PASSWORD: PASSWORD })).rejects.toThrow(/FOUREYES_QUEUE_VIEW_USER is not set/);
  });

  it("stops when the password is short enough to guess", async () => {
    await expect(start({ FOUREYES_QUEUE_VIEW_USER: USER, FOUREYES_QUEUE_VIEW_PASSWORD: "admin" })).rejects.toThrow(
      /FOUREYES_QUEUE_VIEW_PASSWORD is 5 characters; .* at least 16/,
    );
  });
});

// The request slots of the configured model server: one Redis key per server
// (named by a hash of its URL, which may hold credentials), shared by every
// worker process on the same Redis and queue prefix.

import { createHash } from "node:crypto";

import type { ServerEnv } from "../config/server-env.js";
import type { RedisClient } from "../core/redis-client.js";
import { createRequestSlots, type RequestSlots } from "./create-request-slots.js";

type SlotEnv = Pick<ServerEnv, "FOUREYES_QUEUE_PREFIX" | "FOUREYES_MODEL_URL" | "FOUREYES_MODEL_MAX_CONCURRENCY">;

export function modelServerSlots(redis: RedisClient, env: SlotEnv): RequestSlots {
  const server = createHash("sha256").update(env.FOUREYES_MODEL_URL).digest("hex").slice(0, 16);
  return createRequestSlots(redis, { key: `${env.FOUREYES_QUEUE_PREFIX ?? "foureyes"}:model-slots:${server}`, limit: env.FOUREYES_MODEL_MAX_CONCURRENCY });
}

// The Redis connection every queue and worker shares, from REDIS_URL, with an
// error that tells the operator what to fix when Redis cannot be reached.

import { Redis } from "ioredis";

import { redactUrl } from "../src/core/redact-url.js";

export class RedisUnreachableError extends Error {
  override name = "RedisUnreachableError";
}

export interface RedisConnectionOptions {
  /**
   * "worker": commands wait for Redis to come back (BullMQ requires
   * `maxRetriesPerRequest: null` for workers' blocking calls).
   * "producer": commands fail after a few retries, so a webhook that cannot be
   * queued answers 500 and GitHub shows the delivery as failed (redeliverable).
   */
  role: "worker" | "producer";
}

/** Opens a connection and waits until Redis answers; throws RedisUnreachableError naming the URL otherwise. */
export async function connectRedis(
  redisUrl: string,
  options: RedisConnectionOptions,
  timeoutMs = 5_000,
): Promise<Redis> {
  const connection = createRedisConnection(redisUrl, options);
  try {
    await waitUntilReady(connection, timeoutMs);
    return connection;
  } catch (error) {
    connection.disconnect();
    const why = error instanceof Error ? error.message : String(error);
    throw new RedisUnreachableError(`cannot reach Redis at ${redactUrl(redisUrl)} (${why}) — check REDIS_URL`, {
      cause: error,
    });
  }
}

/** The connection without waiting; ioredis keeps reconnecting in the background. */
export function createRedisConnection(redisUrl: string, options: RedisConnectionOptions): Redis {
  return new Redis(redisUrl, {
    maxRetriesPerRequest: options.role === "worker" ? null : 3,
    lazyConnect: false,
  });
}

function waitUntilReady(connection: Redis, timeoutMs: number): Promise<void> {
  if (connection.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    const onError = (error: Error) => {
      lastError = error;
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(lastError ?? new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      connection.off("error", onError);
      connection.off("ready", onReady);
    };
    connection.on("error", onError);
    connection.on("ready", onReady);
  });
}

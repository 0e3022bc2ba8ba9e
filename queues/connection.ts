// The Redis connection every queue and worker shares, with an error that
// tells the operator what to fix when Redis cannot be reached. The one place
// that knows the topology: one server (REDIS_URL), a master found through
// Sentinel (REDIS_SENTINELS, REDIS_SENTINEL_MASTER) or a Redis Cluster
// (REDIS_CLUSTER_NODES); the rest of foureyes holds a RedisClient.

import { Cluster, Redis } from "ioredis";

import type { ServerEnv } from "../src/config/server-env.js";
import { redactUrl } from "../src/core/redact-url.js";
import type { RedisClient } from "../src/core/redis-client.js";

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

/** Where Redis is, as the server environment says (a plain string is a REDIS_URL). */
export type RedisSettings = Pick<
  ServerEnv,
  "REDIS_URL" | "REDIS_SENTINELS" | "REDIS_SENTINEL_MASTER" | "REDIS_SENTINEL_PASSWORD" | "REDIS_CLUSTER_NODES" | "REDIS_USERNAME" | "REDIS_PASSWORD" | "REDIS_TLS"
>;

/** Opens a connection and waits until Redis answers; throws RedisUnreachableError naming what to check otherwise. */
export async function connectRedis(redisUrl: string, options: RedisConnectionOptions, timeoutMs?: number): Promise<Redis>;
export async function connectRedis(settings: RedisSettings, options: RedisConnectionOptions, timeoutMs?: number): Promise<RedisClient>;
export async function connectRedis(target: string | RedisSettings, options: RedisConnectionOptions, timeoutMs = 5_000): Promise<RedisClient> {
  const settings = typeof target === "string" ? { REDIS_URL: target, REDIS_TLS: "false" as const } : target;
  const connection = createRedisConnection(settings, options);
  try {
    await waitUntilReady(connection, timeoutMs);
    return connection;
  } catch (error) {
    connection.disconnect();
    const why = error instanceof Error ? error.message : String(error);
    throw new RedisUnreachableError(`cannot reach ${describeRedis(settings)} (${why})`, { cause: error });
  }
}

/** The connection without waiting; ioredis keeps reconnecting in the background. */
function createRedisConnection(settings: RedisSettings, options: RedisConnectionOptions): RedisClient {
  const tls = settings.REDIS_TLS === "true" ? {} : undefined;
  const common = {
    maxRetriesPerRequest: options.role === "worker" ? null : 3,
    ...(settings.REDIS_USERNAME ? { username: settings.REDIS_USERNAME } : {}),
    ...(settings.REDIS_PASSWORD ? { password: settings.REDIS_PASSWORD } : {}),
    ...(tls ? { tls } : {}),
  };
  if (settings.REDIS_CLUSTER_NODES) return new Cluster(settings.REDIS_CLUSTER_NODES, { redisOptions: common });
  if (settings.REDIS_SENTINELS) {
    return new Redis({
      ...common,
      sentinels: settings.REDIS_SENTINELS,
      name: settings.REDIS_SENTINEL_MASTER,
      ...(settings.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: settings.REDIS_SENTINEL_PASSWORD } : {}),
      ...(tls ? { enableTLSForSentinelMode: true, sentinelTLS: tls } : {}),
    });
  }
  return new Redis(settings.REDIS_URL, { maxRetriesPerRequest: common.maxRetriesPerRequest, lazyConnect: false });
}

/** What was tried and which variables to check, without a password. */
function describeRedis(settings: RedisSettings): string {
  const list = (nodes: { host: string; port: number }[]) => nodes.map((node) => `${node.host}:${node.port}`).join(", ");
  if (settings.REDIS_CLUSTER_NODES) return `the Redis Cluster at ${list(settings.REDIS_CLUSTER_NODES)} — check REDIS_CLUSTER_NODES, REDIS_PASSWORD and REDIS_TLS`;
  if (settings.REDIS_SENTINELS) {
    return `the Redis master "${settings.REDIS_SENTINEL_MASTER}" through the sentinels at ${list(settings.REDIS_SENTINELS)} — check REDIS_SENTINELS, REDIS_SENTINEL_MASTER, REDIS_PASSWORD and REDIS_TLS`;
  }
  return `Redis at ${redactUrl(settings.REDIS_URL)} — check REDIS_URL`;
}

function waitUntilReady(connection: RedisClient, timeoutMs: number): Promise<void> {
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

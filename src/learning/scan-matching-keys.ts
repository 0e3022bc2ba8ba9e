// Every key matching a pattern. SCAN walks one server's keys, so on a Redis
// Cluster each master node is walked (a replica holds nothing its master
// does not).

import { Cluster, type Redis } from "ioredis";

import type { RedisClient } from "../core/redis-client.js";

export async function* scanMatchingKeys(redis: RedisClient, pattern: string): AsyncGenerator<string[]> {
  const servers: Redis[] = redis instanceof Cluster ? redis.nodes("master") : [redis];
  for (const server of servers) {
    yield* server.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>;
  }
}

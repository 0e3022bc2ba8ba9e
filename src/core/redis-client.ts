// A connection to Redis as foureyes holds it: one server (also one found
// through Sentinel) or a Redis Cluster. Which one is decided once, where the
// connection is made (queues/connection.ts); everything else speaks to this.

import type { Cluster, Redis } from "ioredis";

export type RedisClient = Redis | Cluster;

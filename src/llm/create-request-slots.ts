// A counting semaphore in Redis that caps requests in flight at one model
// server across every worker process. Each holder has a lease (a member of a
// sorted set scored by its expiry, by Redis's own clock): renewed while the
// request runs, removed when it ends, and simply expiring when the worker dies,
// so a crashed process never keeps a slot for longer than one lease.

import { randomUUID } from "node:crypto";

import type { RedisClient } from "../core/redis-client.js";

export interface RequestSlots {
  /** Waits for a free slot; the returned function gives it back. */
  acquire(): Promise<() => Promise<void>>;
}

export interface RequestSlotOptions {
  /** The sorted set holding the leases, one per model server. */
  key: string;
  /** Most requests in flight at once, all processes together. */
  limit: number;
  /** How long a slot outlives a dead holder. */
  leaseMs?: number;
  /** How often a waiter looks for a free slot. */
  pollMs?: number;
}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_POLL_MS = 100;

/** KEYS[1] leases; ARGV limit, lease ms, token. 1 when the token got a slot. */
const ACQUIRE = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ms + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1`;

/** KEYS[1] leases; ARGV lease ms, token. Extends the token's lease if it still holds one. */
const RENEW = `
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', ms + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
return 1`;

export function createRequestSlots(redis: RedisClient, options: RequestSlotOptions): RequestSlots {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  return {
    async acquire() {
      const token = randomUUID();
      while (Number(await redis.eval(ACQUIRE, 1, options.key, options.limit, leaseMs, token)) !== 1) {
        // Jitter keeps waiting workers from polling in lockstep.
        await sleep(pollMs * (0.5 + Math.random()));
      }
      const renewal = setInterval(() => {
        redis.eval(RENEW, 1, options.key, leaseMs, token).catch(() => undefined);
      }, Math.max(10, Math.floor(leaseMs / 3)));
      renewal.unref();
      return async () => {
        clearInterval(renewal);
        // A lost connection leaves the lease to expire on its own.
        await redis.zrem(options.key, token).catch(() => undefined);
      };
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// GitHub's pace for one installation, kept in Redis so every worker process
// shares it: a budget of content-creating requests per window (a sliding
// window per budget entry, GitHub's secondary limits) and a hold set when
// GitHub answered "secondary rate limit", during which no write is sent. One
// Lua script decides atomically, on Redis' clock, so two workers cannot both
// take the last place in a window.

import type { BudgetWindow } from "../config/content-budget.js";
import type { RedisClient } from "../core/redis-client.js";

export interface WritePace {
  /**
   * Takes a place for one write of `installation` and returns 0, or returns
   * how many milliseconds to wait before asking again (nothing taken).
   */
  take(installation: number, write: { createsContent: boolean }): Promise<number>;
  /** How many milliseconds until a content-creating write of `installation` could take a place (0: now); takes nothing. */
  peek(installation: number): Promise<number>;
  /** No write of `installation` is sent for `ms` (GitHub asked for it); a longer hold already set is kept. */
  hold(installation: number, ms: number): Promise<void>;
}

export interface WritePaceOptions {
  /** First part of the keys (FOUREYES_QUEUE_PREFIX; default "foureyes"). */
  prefix?: string | undefined;
  budget: readonly BudgetWindow[];
}

// KEYS[1] the hold (a time in ms), KEYS[2..] one sorted set per window (member per request, score its time).
// ARGV[1] "1" for a content-creating write ("peek": only say the wait), ARGV[2] a unique member, then limit
// and window (ms) per window.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local hold = tonumber(redis.call('GET', KEYS[1]) or '0')
if hold > now then return hold - now end
if ARGV[1] == '0' then return 0 end
local wait = 0
for i = 2, #KEYS do
  local limit = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  if count >= limit then
    local freed = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
    wait = math.max(wait, tonumber(freed[2]) + window - now + 1)
  end
end
if wait > 0 or ARGV[1] == 'peek' then return wait end
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 * i]) + 1000)
end
return 0
`;

const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
if untilMs > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]) + 1000)
end
return 0
`;

/**
 * Each window counts a little longer than it says (a tenth, at most a
 * second): GitHub counts when a request arrives, a moment after it was taken here.
 */
const slackMs = (windowMs: number) => Math.min(1_000, Math.floor(windowMs / 10));

export function createWritePace(redis: RedisClient, options: WritePaceOptions): WritePace {
  const prefix = options.prefix ?? "foureyes";
  // One script touches all of an installation's keys: on a Cluster they share a slot through the prefix's hash
  // tag (FOUREYES_QUEUE_PREFIX such as {foureyes}, which comes first), else through the installation's braces.
  const keyOf = (installation: number, what: string) => `${prefix}:github-pace:{${installation}}:${what}`;
  let sequence = 0;
  const ask = async (installation: number, what: "0" | "1" | "peek"): Promise<number> => {
    const keys = [keyOf(installation, "hold"), ...options.budget.map((window) => keyOf(installation, `content:${window.limit}/${window.windowMs}`))];
    sequence += 1;
    const member = `${process.pid}-${Date.now()}-${sequence}-${Math.random().toString(36).slice(2)}`;
    const windows = options.budget.flatMap((window) => [window.limit, window.windowMs + slackMs(window.windowMs)]);
    return Number(await redis.eval(TAKE, keys.length, ...keys, what, member, ...windows));
  };
  return {
    take: (installation, write) => ask(installation, write.createsContent ? "1" : "0"),
    peek: (installation) => ask(installation, "peek"),
    async hold(installation, ms) {
      await redis.eval(HOLD, 1, keyOf(installation, "hold"), Math.max(1, Math.ceil(ms)));
    },
  };
}

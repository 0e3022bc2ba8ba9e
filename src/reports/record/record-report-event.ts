// Writes one webhook into the installation's review-load record in Redis: one
// atomic script call (no read-modify-write race between two web processes),
// no GitHub call. Old pull requests fall out after the retention: each hash
// expires that long after its last event, and the index drops their members.

import type { RedisClient } from "../../core/redis-client.js";
import { pullIndexKey, pullKey, pullMember } from "./record-keys.js";
import { reportEventFields, type ReportEventOptions } from "./report-event-fields.js";

export const DEFAULT_RETENTION_DAYS = 120;
const DAY_MS = 86_400_000;

export interface ReportEvent {
  installationId: number;
  /** The webhook name: "pull_request" or "pull_request_review". */
  name: string;
  payload: unknown;
  /** GitHub's delivery id; the writes do not depend on it (redelivery writes the same fields). */
  deliveryId?: string;
}

export interface RecordOptions extends ReportEventOptions {
  retentionDays?: number;
  /** First part of every record key (default "foureyes"); the app passes FOUREYES_QUEUE_PREFIX. */
  keyPrefix?: string;
  /** The clock for the retention cut; tests pass their own. */
  now?: Date;
}

export type RecordOutcome = { recorded: true; member: string } | { recorded: false };

/*
 * KEYS[1] the pull request's hash, KEYS[2] the installation's index.
 * ARGV: member, score (ms), ttl (s), cut (ms), then (field, mode, at, value)*.
 * "newest" values are stored as "<at>\t<value>" and replaced only by a write
 * at the same or a later time; "missing" writes only when the field is absent.
 * ISO times from Date#toISOString compare correctly as strings.
 */
const RECORD_SCRIPT = `
local key, index = KEYS[1], KEYS[2]
local member, score, ttl, cut = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
for i = 5, #ARGV, 4 do
  local field, mode, at, value = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if mode == "set" then
    redis.call("HSET", key, field, value)
  else
    local old = redis.call("HGET", key, field)
    if not old then
      redis.call("HSET", key, field, at .. "\\t" .. value)
    elseif mode == "newest" then
      local oldAt = string.sub(old, 1, (string.find(old, "\\t", 1, true) or 1) - 1)
      if oldAt <= at then redis.call("HSET", key, field, at .. "\\t" .. value) end
    end
  end
end
redis.call("EXPIRE", key, ttl)
redis.call("ZADD", index, "GT", score, member)
redis.call("ZREMRANGEBYSCORE", index, "-inf", "(" .. cut)
redis.call("EXPIRE", index, ttl)
return 1
`;

/** Records a `pull_request` / `pull_request_review` webhook; other events and actions are ignored. */
export async function recordReportEvent(redis: RedisClient, event: ReportEvent, options: RecordOptions = {}): Promise<RecordOutcome> {
  if (!Number.isInteger(event.installationId) || event.installationId <= 0) {
    throw new RangeError(`installationId must be a positive integer, got ${String(event.installationId)}`);
  }
  const fields = reportEventFields(event.name, event.payload, options);
  if (!fields) return { recorded: false };
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const now = (options.now ?? new Date()).getTime();
  const member = pullMember(fields.repo, fields.number);
  const args = [
    member,
    String(Date.parse(fields.at)),
    String(retentionDays * 86_400),
    String(now - retentionDays * DAY_MS),
    ...fields.writes.flatMap((write) => [write.field, write.mode, write.at, write.value]),
  ];
  const keys = [pullKey(event.installationId, member, options.keyPrefix), pullIndexKey(event.installationId, options.keyPrefix)];
  await redis.eval(RECORD_SCRIPT, 2, ...keys, ...args);
  return { recorded: true, member };
}

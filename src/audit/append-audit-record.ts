// Appends records to an installation's chain in Redis, atomically: a Lua
// script checks that the chain head is still the one the records were built
// on (compare-and-set), then adds them to the stream and moves the head in the
// same step. When another process appended first, the script answers with the
// current head and the records are rebuilt on it and tried again; the chain
// never forks and never has a gap. The last head seen is kept per process, so
// a batch usually costs one round trip.

import type { RedisClient } from "../core/redis-client.js";
import { auditHeadKey, auditInstallationsKey, auditStreamKey } from "./audit-keys.js";
import { AUDIT_RECORD_VERSION, type AuditRecord, auditRecordHash, type AuditRecordType, GENESIS_HASH } from "./audit-record.js";
import { canonicalJson } from "./canonical-json.js";

const APPEND_SCRIPT = `
local head = redis.call('HMGET', KEYS[2], 'seq', 'hash', 'checkpointAt')
local seq = tonumber(head[1]) or 0
if seq ~= tonumber(ARGV[1]) then return {0, seq, head[2] or '', head[3] or '0'} end
local count = tonumber(ARGV[2])
for i = 1, count do
  redis.call('XADD', KEYS[1], '*', 'r', ARGV[2 + i])
end
redis.call('HSET', KEYS[2], 'seq', seq + count, 'hash', ARGV[3 + count])
redis.call('SADD', KEYS[3], ARGV[4 + count])
return {1, seq + count, ARGV[3 + count], head[3] or '0'}
`;

type AppendReply = [0 | 1, number, string, string];

type AuditRedis = RedisClient & {
  appendAuditRecords(stream: string, head: string, installations: string, ...args: (string | number)[]): Promise<AppendReply>;
};

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface AuditEntry {
  type: AuditRecordType;
  /** The record's data, or a function of the head it follows (a checkpoint signs that head). */
  data: Record<string, unknown> | ((head: ChainHead) => Record<string, unknown>);
  at: Date;
}

export interface AppendedRecords {
  records: AuditRecord[];
  head: ChainHead;
  /** When the chain last had a checkpoint (ms since the epoch; 0 when never). */
  checkpointAtMs: number;
}

/** Gives up after this many lost races; only a flood of concurrent appends to one chain gets there. */
const MAX_ATTEMPTS = 50;

/** `knownHead` is a guess (the last head this process saw); a wrong guess costs one more round trip. */
export async function appendAuditRecords(
  redis: RedisClient,
  prefix: string,
  installation: number,
  entries: readonly AuditEntry[],
  knownHead?: ChainHead,
): Promise<AppendedRecords> {
  const client = withAppendCommand(redis);
  const keys = [auditStreamKey(prefix, installation), auditHeadKey(prefix, installation), auditInstallationsKey(prefix)] as const;
  let head = knownHead ?? { seq: 0, hash: GENESIS_HASH };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const records = buildRecords(installation, entries, head);
    const last = records.length > 0 ? { seq: head.seq + records.length, hash: auditRecordHash(records[records.length - 1] as AuditRecord) } : head;
    const reply = await client.appendAuditRecords(...keys, head.seq, records.length, ...records.map(canonicalJson), last.hash, installation);
    if (reply[0] === 1) return { records, head: last, checkpointAtMs: Number(reply[3]) };
    head = { seq: reply[1], hash: reply[2] || GENESIS_HASH };
  }
  throw new Error(`could not append to the audit chain of installation ${installation}: ${MAX_ATTEMPTS} concurrent appends won the race`);
}

function buildRecords(installation: number, entries: readonly AuditEntry[], start: ChainHead): AuditRecord[] {
  const records: AuditRecord[] = [];
  let head = start;
  for (const entry of entries) {
    const record: AuditRecord = {
      v: AUDIT_RECORD_VERSION,
      installation,
      seq: head.seq + 1,
      at: entry.at.toISOString(),
      type: entry.type,
      prev: head.hash,
      data: typeof entry.data === "function" ? entry.data(head) : entry.data,
    };
    records.push(record);
    head = { seq: record.seq, hash: auditRecordHash(record) };
  }
  return records;
}

function withAppendCommand(redis: RedisClient): AuditRedis {
  const client = redis as AuditRedis;
  if (typeof client.appendAuditRecords !== "function") redis.defineCommand("appendAuditRecords", { numberOfKeys: 3, lua: APPEND_SCRIPT });
  return client;
}

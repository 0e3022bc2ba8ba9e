// Appends one record to an installation's chain in Redis, atomically: a Lua
// script checks that the chain head is still the one the record was built on
// (compare-and-set), then adds the record to the stream and moves the head in
// the same step. When another process appended first, the record is rebuilt
// on the new head and tried again; the chain never forks and never has a gap.

import type { Redis } from "ioredis";
import { auditRecordHash, GENESIS_HASH, AUDIT_RECORD_VERSION, type AuditRecord, type AuditRecordType } from "./audit-record.js";
import { auditHeadKey, auditInstallationsKey, auditStreamKey } from "./audit-keys.js";
import { canonicalJson } from "./canonical-json.js";

const APPEND_SCRIPT = `
local head = redis.call('HMGET', KEYS[2], 'seq', 'hash')
local seq = tonumber(head[1]) or 0
if seq ~= tonumber(ARGV[1]) then return {0, seq, head[2] or ''} end
local id = redis.call('XADD', KEYS[1], '*', 'r', ARGV[3])
redis.call('HSET', KEYS[2], 'seq', seq + 1, 'hash', ARGV[2])
redis.call('SADD', KEYS[3], ARGV[4])
return {1, id}
`;

type AppendReply = [0, number, string] | [1, string];

interface AuditRedis extends Redis {
  appendAuditRecord(stream: string, head: string, installations: string, expectedSeq: number, hash: string, record: string, installation: number): Promise<AppendReply>;
}

export interface AppendedRecord {
  record: AuditRecord;
  hash: string;
  /** The stream entry id. */
  entryId: string;
}

/** Gives up after this many lost races; only a flood of concurrent appends to one chain gets there. */
const MAX_ATTEMPTS = 50;

export async function appendAuditRecord(
  redis: Redis,
  prefix: string,
  entry: {
    installation: number;
    type: AuditRecordType;
    /** The record's data, or a function of the head it follows (a checkpoint signs that head). */
    data: Record<string, unknown> | ((head: { seq: number; hash: string }) => Record<string, unknown>);
    at: Date;
  },
): Promise<AppendedRecord> {
  const client = withAppendCommand(redis);
  const keys = [auditStreamKey(prefix, entry.installation), auditHeadKey(prefix, entry.installation), auditInstallationsKey(prefix)] as const;
  const [seqText, headHash] = await redis.hmget(keys[1], "seq", "hash");
  let head = { seq: Number(seqText ?? 0), hash: headHash ?? GENESIS_HASH };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const record: AuditRecord = {
      v: AUDIT_RECORD_VERSION,
      installation: entry.installation,
      seq: head.seq + 1,
      at: entry.at.toISOString(),
      type: entry.type,
      prev: head.hash,
      data: typeof entry.data === "function" ? entry.data(head) : entry.data,
    };
    const hash = auditRecordHash(record);
    const reply = await client.appendAuditRecord(...keys, head.seq, hash, canonicalJson(record), entry.installation);
    if (reply[0] === 1) return { record, hash, entryId: reply[1] };
    head = { seq: reply[1], hash: reply[2] || GENESIS_HASH };
  }
  throw new Error(`could not append to the audit chain of installation ${entry.installation}: ${MAX_ATTEMPTS} concurrent appends won the race`);
}

function withAppendCommand(redis: Redis): AuditRedis {
  const client = redis as AuditRedis;
  if (typeof client.appendAuditRecord !== "function") redis.defineCommand("appendAuditRecord", { numberOfKeys: 3, lua: APPEND_SCRIPT });
  return client;
}

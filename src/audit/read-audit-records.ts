// Reads an installation's chain from Redis in stream order, a page at a time,
// so exporting or verifying a chain of millions of records needs little memory.

import type { RedisClient } from "../core/redis-client.js";
import { auditHeadKey, auditInstallationsKey, auditStreamKey } from "./audit-keys.js";
import { GENESIS_HASH } from "./audit-record.js";

const PAGE = 1_000;

/** The canonical JSON of each record, oldest first. */
export async function* readAuditRecordLines(redis: RedisClient, prefix: string, installation: number): AsyncGenerator<string> {
  const key = auditStreamKey(prefix, installation);
  let start = "-";
  for (;;) {
    const entries = await redis.xrange(key, start, "+", "COUNT", PAGE);
    for (const [, fields] of entries) {
      const index = fields.indexOf("r");
      if (index >= 0 && fields[index + 1] !== undefined) yield fields[index + 1] as string;
    }
    if (entries.length < PAGE) return;
    start = `(${entries[entries.length - 1]?.[0]}`;
  }
}

export async function readAuditInstallations(redis: RedisClient, prefix: string): Promise<number[]> {
  const members = await redis.smembers(auditInstallationsKey(prefix));
  return members.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0).sort((a, b) => a - b);
}

export async function readAuditHead(redis: RedisClient, prefix: string, installation: number): Promise<{ seq: number; hash: string }> {
  const [seq, hash] = await redis.hmget(auditHeadKey(prefix, installation), "seq", "hash");
  return { seq: Number(seq ?? 0), hash: hash ?? GENESIS_HASH };
}

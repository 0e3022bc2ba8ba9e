// The audit log features write to: `record` (one record) and `recordAll` (a
// batch, e.g. every model call of a review) append to the installation's
// chain and resolve only once stored (a write that cannot be recorded fails
// the job, which retries). Every `checkpointEvery` records, and at the first
// append after an hour without one, a checkpoint record holds the chain head,
// signed when a signing key is set. Records older than the retention are
// trimmed from the stream at checkpoints.

import type { KeyObject } from "node:crypto";

import type { RedisClient } from "../core/redis-client.js";
import { appendAuditRecords, type AuditEntry, type ChainHead } from "./append-audit-record.js";
import { auditHeadKey, auditStreamKey } from "./audit-keys.js";
import type { AuditRecord, AuditRecordType } from "./audit-record.js";
import { keyIdOf, signCheckpoint } from "./checkpoint-signature.js";

export type AuditEvent = { type: Exclude<AuditRecordType, "checkpoint">; data: Record<string, unknown> };

export interface AuditLog {
  record(installation: number, type: AuditEvent["type"], data: Record<string, unknown>): Promise<AuditRecord>;
  recordAll(installation: number, events: readonly AuditEvent[]): Promise<AuditRecord[]>;
}

export interface AuditLogOptions {
  redis: RedisClient;
  /** FOUREYES_QUEUE_PREFIX: the chains of two deployments on one Redis stay apart. */
  prefix: string;
  signingKey?: KeyObject;
  checkpointEvery?: number;
  checkpointIntervalMs?: number;
  retentionDays?: number;
  now?: () => Date;
}

export const DEFAULT_AUDIT_RETENTION_DAYS = 400;
const DAY_MS = 86_400_000;

export function createAuditLog(options: AuditLogOptions): AuditLog {
  const { redis, prefix } = options;
  const now = options.now ?? (() => new Date());
  const every = options.checkpointEvery ?? 1_000;
  const intervalMs = options.checkpointIntervalMs ?? 3_600_000;
  const retentionMs = (options.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS) * DAY_MS;
  const heads = new Map<number, ChainHead>();

  async function checkpoint(installation: number, at: Date): Promise<void> {
    const { signingKey } = options;
    // Signed for exactly the head the checkpoint follows, even when another process appended in between.
    const data = (head: ChainHead) => (signingKey ? { signature: signCheckpoint({ installation, ...head }, signingKey), keyId: keyIdOf(signingKey) } : {});
    const appended = await appendAuditRecords(redis, prefix, installation, [{ type: "checkpoint", data, at }], heads.get(installation));
    heads.set(installation, appended.head);
    await redis.hset(auditHeadKey(prefix, installation), "checkpointAt", String(at.getTime()));
    await redis.xtrim(auditStreamKey(prefix, installation), "MINID", "~", String(at.getTime() - retentionMs));
  }

  async function recordAll(installation: number, events: readonly AuditEvent[]): Promise<AuditRecord[]> {
    if (events.length === 0) return [];
    const at = now();
    const entries: AuditEntry[] = events.map((event) => ({ ...event, at }));
    const appended = await appendAuditRecords(redis, prefix, installation, entries, heads.get(installation));
    heads.set(installation, appended.head);
    const crossed = Math.floor(appended.head.seq / every) > Math.floor((appended.head.seq - events.length) / every);
    if (crossed || at.getTime() - appended.checkpointAtMs >= intervalMs) await checkpoint(installation, at);
    return appended.records;
  }

  return {
    recordAll,
    async record(installation, type, data) {
      const [record] = await recordAll(installation, [{ type, data }]);
      return record as AuditRecord;
    },
  };
}

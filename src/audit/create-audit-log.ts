// The audit log features write to: `record` appends one record to the
// installation's chain and resolves only once it is stored (a write that
// cannot be recorded fails the job, which retries). Every `checkpointEvery`
// records, and at the first record after an hour without one, a checkpoint
// record holds the chain head, signed when a signing key is set. Records
// older than the retention are trimmed from the stream at checkpoints.

import type { KeyObject } from "node:crypto";
import type { Redis } from "ioredis";
import { appendAuditRecord, type AppendedRecord } from "./append-audit-record.js";
import { auditHeadKey, auditStreamKey } from "./audit-keys.js";
import type { AuditRecordType } from "./audit-record.js";
import { keyIdOf, signCheckpoint } from "./checkpoint-signature.js";

export interface AuditLog {
  record(installation: number, type: Exclude<AuditRecordType, "checkpoint">, data: Record<string, unknown>): Promise<AppendedRecord>;
}

export interface AuditLogOptions {
  redis: Redis;
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

  async function checkpoint(installation: number, at: Date): Promise<void> {
    const { signingKey } = options;
    // Signed for exactly the head the checkpoint follows, even when another process appended in between.
    const data = (head: { seq: number; hash: string }) =>
      signingKey ? { signature: signCheckpoint({ installation, ...head }, signingKey), keyId: keyIdOf(signingKey) } : {};
    await appendAuditRecord(redis, prefix, { installation, type: "checkpoint", data, at });
    await redis.hset(auditHeadKey(prefix, installation), "checkpointAt", String(at.getTime()));
    await redis.xtrim(auditStreamKey(prefix, installation), "MINID", "~", String(at.getTime() - retentionMs));
  }

  return {
    async record(installation, type, data) {
      const at = now();
      const appended = await appendAuditRecord(redis, prefix, { installation, type, data, at });
      const lastCheckpoint = Number((await redis.hget(auditHeadKey(prefix, installation), "checkpointAt")) ?? 0);
      if (appended.record.seq % every === 0 || at.getTime() - lastCheckpoint >= intervalMs) await checkpoint(installation, at);
      return appended;
    },
  };
}

// The worker's audit log from the server settings: the signing key (when
// set), the retention, the deployment's key prefix. Warns loudly when Redis
// keeps nothing on disk, because then a Redis restart loses the trail.

import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import { loadSigningKey } from "./checkpoint-signature.js";
import { type AuditLog, createAuditLog } from "./create-audit-log.js";

export interface AuditSettings {
  prefix: string;
  retentionDays: number;
  signingKeyPem?: string;
}

export async function openAuditLog(redis: RedisClient, settings: AuditSettings, logger: Pick<Logger, "info" | "warn" | "error">): Promise<AuditLog> {
  const signingKey = settings.signingKeyPem ? loadSigningKey(settings.signingKeyPem) : undefined;
  await warnWithoutPersistence(redis, logger);
  logger.info({ signed: signingKey !== undefined, retentionDays: settings.retentionDays }, "audit trail ready");
  return createAuditLog({ redis, prefix: settings.prefix, retentionDays: settings.retentionDays, ...(signingKey ? { signingKey } : {}) });
}

async function warnWithoutPersistence(redis: RedisClient, logger: Pick<Logger, "warn" | "error">): Promise<void> {
  try {
    const reply = (await redis.config("GET", "appendonly")) as string[];
    if (reply[1] !== "yes") {
      logger.error(
        { appendonly: reply[1] ?? "unknown" },
        "AUDIT TRAIL AT RISK: Redis runs without append-only persistence, so a Redis restart loses audit records and queued reviews. Set `appendonly yes` (deploy/compose.yaml does).",
      );
    }
  } catch (error) {
    // Managed Redis services often refuse CONFIG; say what to check by hand.
    logger.warn({ err: error }, "could not read Redis' persistence settings (CONFIG GET refused); make sure append-only persistence is on, or the audit trail is lost on a Redis restart");
  }
}

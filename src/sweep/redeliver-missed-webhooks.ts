// Asks GitHub to redeliver the webhooks it could not deliver since the last
// run. Each failed attempt is redelivered once (its id is remembered in Redis
// for as long as GitHub keeps deliveries); a redelivery that fails again is a
// new attempt, tried at the next run. Review job ids make a delivery that did
// arrive after all harmless.

import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import { httpStatusOf } from "../github/http-status.js";
import { listWebhookDeliveries } from "../github/list-webhook-deliveries.js";
import type { GitHubClient } from "../github/octokit.js";
import { redeliverWebhook } from "../github/redeliver-webhook.js";
import { pickMissedDeliveries } from "./pick-missed-deliveries.js";
import type { SweepJobResult } from "./sweep-job.js";

export interface RedeliverDeps {
  appOctokit: GitHubClient;
  redis: RedisClient;
  keyPrefix: string;
  logger: Pick<Logger, "info" | "warn">;
  now: Date;
}

/** GitHub keeps deliveries about three days; a claim outlives them. */
const REMEMBER_SECONDS = 4 * 24 * 3600;
/** The first run looks back this far. */
const FIRST_LOOKBACK_MS = 24 * 3600_000;
/** Deliveries in flight when the last run listed them are looked at again. */
const OVERLAP_MS = 5 * 60_000;
/** Redeliveries asked for per run; the rest wait for the next one. */
export const MAX_REDELIVERIES_PER_RUN = 100;

export async function redeliverMissedWebhooks(deps: RedeliverDeps): Promise<Extract<SweepJobResult, { kind: "redeliver" }>> {
  const sinceKey = `${deps.keyPrefix}:sweep:deliveries-since`;
  const stored = Number(await deps.redis.get(sinceKey));
  const since = new Date(stored > 0 ? stored - OVERLAP_MS : deps.now.getTime() - FIRST_LOOKBACK_MS);

  const missed = pickMissedDeliveries(await listWebhookDeliveries(deps.appOctokit, { since }));
  let redelivered = 0;
  let leftForNextRun = 0;
  for (const delivery of missed) {
    if (redelivered >= MAX_REDELIVERIES_PER_RUN) {
      leftForNextRun += 1;
      continue;
    }
    const claim = `${deps.keyPrefix}:sweep:redelivered:${delivery.id}`;
    if ((await deps.redis.set(claim, delivery.guid, "EX", REMEMBER_SECONDS, "NX")) !== "OK") continue;
    try {
      await redeliverWebhook(deps.appOctokit, delivery.id);
      redelivered += 1;
      deps.logger.info({ delivery: delivery.guid, event: delivery.event, installation: delivery.installationId }, "missed webhook redelivered");
    } catch (error) {
      const status = httpStatusOf(error);
      // GitHub refusing (e.g. too old) will not change; anything else is tried again next run.
      if (status === undefined || status >= 500 || status === 429) {
        await deps.redis.del(claim);
        leftForNextRun += 1;
      }
      deps.logger.warn({ delivery: delivery.guid, status, err: error }, "could not redeliver a missed webhook");
    }
  }
  // Move the window only when nothing was left behind in it.
  if (leftForNextRun === 0) await deps.redis.set(sinceKey, String(deps.now.getTime()));
  return { kind: "redeliver", failedSeen: missed.length, redelivered, leftForNextRun };
}

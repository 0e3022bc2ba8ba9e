// Subscribes the Probot app to the webhooks the review-load report counts and
// records each one in Redis. Thin on purpose: one Redis call, no GitHub call.
// An error propagates, so the delivery fails and GitHub can redeliver it (the
// record is idempotent, so a redelivery is harmless).

import type { Probot } from "probot";

import type { AppIdentity } from "../../core/app-identity.js";
import type { RedisClient } from "../../core/redis-client.js";
import { recordReportEvent } from "./record-report-event.js";
import { RECORDED_PULL_ACTIONS, RECORDED_REVIEW_ACTIONS } from "./report-event-fields.js";

export const REPORT_EVENTS = [
  ...RECORDED_PULL_ACTIONS.map((action) => `pull_request.${action}` as const),
  ...RECORDED_REVIEW_ACTIONS.map((action) => `pull_request_review.${action}` as const),
];

export interface ReportEventHandlerDeps {
  redis: RedisClient;
  /** Days a pull request's record is kept after its last event (default 120). A server setting: the handler reads no repo config. */
  retentionDays?: number;
  /** foureyes' own account (read once at start): only its reviews count as foureyes', whatever a body says. */
  app: AppIdentity;
  /** First part of every record key (default "foureyes"): FOUREYES_QUEUE_PREFIX, as the report worker reads it. */
  keyPrefix?: string;
}

export function registerReportEventHandlers(app: Probot, deps: ReportEventHandlerDeps): void {
  app.on(REPORT_EVENTS, async (context) => {
    const installationId = context.payload.installation?.id;
    if (installationId === undefined) return; // not a GitHub App delivery
    const outcome = await recordReportEvent(
      deps.redis,
      { installationId, name: context.name, payload: context.payload, deliveryId: context.id },
      { retentionDays: deps.retentionDays, app: deps.app, keyPrefix: deps.keyPrefix },
    );
    if (outcome.recorded) {
      context.log.debug({ delivery: context.id, event: `${context.name}.${context.payload.action}`, pull: outcome.member }, "report event recorded");
    }
  });
}

// foureyes_webhooks_total{event,outcome}: every delivery that reached the
// webhook path, by GitHub event (the app's subscriptions) and HTTP outcome.

import { Counter } from "prom-client";

import { boundLabel } from "./bound-label.js";
import { metricsRegistry } from "./metrics-registry.js";

/** The events app.yml subscribes to, plus GitHub's own. */
const EVENTS = [
  "pull_request",
  "pull_request_review",
  "issue_comment",
  "installation",
  "installation_repositories",
  "ping",
] as const;

/** accepted: 2xx; rejected: 4xx (bad signature or payload); failed: 5xx (e.g. Redis down, GitHub will show it as failed). */
export type WebhookOutcome = "accepted" | "rejected" | "failed";

const webhooks = new Counter({
  name: "foureyes_webhooks_total",
  help: "Webhook deliveries received, by GitHub event and outcome.",
  labelNames: ["event", "outcome"] as const,
  registers: [metricsRegistry],
});

export function countWebhook(event: string | undefined, outcome: WebhookOutcome): void {
  webhooks.inc({ event: boundLabel(event, EVENTS), outcome });
}

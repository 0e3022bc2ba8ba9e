// The app's recent webhook deliveries, newest first, as GitHub keeps them (about
// three days). Needs an app-authenticated Octokit (Probot's `auth()` without
// an installation id). Pages follow GitHub's cursor and stop at the first
// delivery older than `since`.

import type { GitHubClient } from "./octokit.js";

export interface WebhookDelivery {
  id: number;
  /** The same for a delivery and all its redeliveries. */
  guid: string;
  deliveredAt: Date;
  /** 0 when GitHub got no answer (timeout, connection refused). */
  statusCode: number;
  redelivery: boolean;
  event: string;
  action: string | null;
  installationId: number | null;
}

export async function listWebhookDeliveries(appOctokit: GitHubClient, options: { since: Date }): Promise<WebhookDelivery[]> {
  const deliveries: WebhookDelivery[] = [];
  for await (const page of appOctokit.paginate.iterator(appOctokit.rest.apps.listWebhookDeliveries, { per_page: 100 })) {
    for (const delivery of page.data) {
      const deliveredAt = new Date(delivery.delivered_at);
      if (deliveredAt < options.since) return deliveries;
      deliveries.push({
        id: delivery.id,
        guid: delivery.guid,
        deliveredAt,
        statusCode: delivery.status_code,
        redelivery: delivery.redelivery,
        event: delivery.event,
        action: delivery.action,
        installationId: delivery.installation_id,
      });
    }
  }
  return deliveries;
}

// Asks GitHub to send a webhook delivery again (app-authenticated). The web
// process answers it like the first one; review jobs are keyed by head commit,
// so a delivery that did arrive after all makes no second review.

import type { GitHubClient } from "./octokit.js";
import { sendAdvisory } from "./send-advisory.js";

export async function redeliverWebhook(appOctokit: GitHubClient, deliveryId: number): Promise<void> {
  await sendAdvisory(appOctokit.rest.apps.redeliverWebhookDelivery, { delivery_id: deliveryId });
}

// Which webhook deliveries to ask GitHub for again: per delivery (guid), its
// newest attempt, when that attempt failed. A delivery that reached foureyes
// on some attempt is left alone.

import type { WebhookDelivery } from "../github/list-webhook-deliveries.js";

export function pickMissedDeliveries(deliveries: readonly WebhookDelivery[]): WebhookDelivery[] {
  const newest = new Map<string, WebhookDelivery>();
  const answered = new Set<string>();
  for (const delivery of deliveries) {
    if (delivery.statusCode >= 200 && delivery.statusCode < 300) answered.add(delivery.guid);
    const seen = newest.get(delivery.guid);
    if (!seen || delivery.deliveredAt > seen.deliveredAt) newest.set(delivery.guid, delivery);
  }
  return [...newest.values()].filter((delivery) => !answered.has(delivery.guid)).sort((a, b) => a.deliveredAt.getTime() - b.deliveredAt.getTime());
}

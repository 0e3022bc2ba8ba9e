// foureyes_github_rate_limit_remaining{installation}: GitHub's
// x-ratelimit-remaining from the latest response an installation got.

import { Gauge } from "prom-client";

import { metricsRegistry } from "./metrics-registry.js";

const remaining = new Gauge({
  name: "foureyes_github_rate_limit_remaining",
  help: "Requests left in the GitHub rate-limit window, per installation (latest response's x-ratelimit-remaining).",
  labelNames: ["installation"] as const,
  registers: [metricsRegistry],
});

/** `header` as GitHub sent it; anything but a whole number is ignored. */
export function recordRateLimit(installationId: number, header: string | number | undefined): void {
  const value = Number(header);
  if (header === undefined || header === "" || !Number.isSafeInteger(value) || value < 0) return;
  remaining.set({ installation: String(installationId) }, value);
}

// GitHub's secondary rate limit, told apart from everything else a write can
// fail with: a 403 or 429 with `retry-after`, or one whose message says
// "secondary rate limit" (then GitHub asks for at least a minute). Nothing was
// created, so the write may be sent again after the wait. A primary limit
// (x-ratelimit-remaining: 0) is left to the throttling plugin.

type Headers = Record<string, string | number | undefined>;
type FailedRequest = { status?: unknown; message?: unknown; response?: { headers?: Headers; data?: unknown } };

/** GitHub's advice when a secondary limit names no wait. */
export const SECONDARY_LIMIT_FALLBACK_MS = 60_000;

/** How long GitHub asked to wait, in ms, when `error` is a secondary rate limit; undefined otherwise. */
export function secondaryLimitWaitMs(error: unknown, fallbackMs = SECONDARY_LIMIT_FALLBACK_MS): number | undefined {
  const failed = (error ?? {}) as FailedRequest;
  if (failed.status !== 403 && failed.status !== 429) return undefined;
  const headers = failed.response?.headers ?? {};
  if (String(headers["x-ratelimit-remaining"]) === "0") return undefined;
  const retryAfter = Number(headers["retry-after"]);
  if (headers["retry-after"] !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1_000;
  const data = failed.response?.data as { message?: unknown } | undefined;
  const message = `${String(failed.message ?? "")} ${String(data?.message ?? "")}`;
  return /secondary rate limit/i.test(message) ? fallbackMs : undefined;
}

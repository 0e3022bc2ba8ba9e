// The `openai` SDK waits as long as a 429/503's `retry-after` (or
// `retry-after-ms`) says before retrying, however long that is. A wait beyond
// the bound would park the review, and its request slot, for that long: such an
// answer is marked not retryable (`x-should-retry: false`, which the SDK
// obeys), so the request fails at once and the job retries later with backoff.

/** Longest server-asked wait spent inside one request. */
export const MAX_RETRY_AFTER_MS = 60_000;

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function boundRetryAfter(maxWaitMs: number = MAX_RETRY_AFTER_MS, fetchImpl: Fetch = fetch): Fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.ok) return response;
    const waitMs = retryAfterMs(response.headers);
    if (waitMs === undefined || waitMs <= maxWaitMs) return response;
    const headers = new Headers(response.headers);
    headers.set("x-should-retry", "false");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** The wait a response asks for, in ms: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms)) return ms;
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? date - Date.now() : undefined;
}

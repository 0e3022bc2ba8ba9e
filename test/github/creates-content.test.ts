// Which writes count against GitHub's content budget, and which failures are
// GitHub's secondary rate limit (wait, then send again) rather than a refusal.

import { describe, expect, it } from "vitest";

import { createsContent } from "../../src/github/creates-content.js";
import { secondaryLimitWaitMs } from "../../src/github/secondary-limit-wait.js";

describe("createsContent", () => {
  it.each([
    ["POST", "/repos/o/r/pulls/7/reviews", true],
    ["POST", "https://api.github.com/repos/o/r/issues/7/comments", true],
    ["POST", "http://ghe.example/api/v3/repos/o/r/issues/7/comments", true],
    ["POST", "/repos/o/r/pulls/7/comments/9/replies", true],
    ["POST", "/repos/o/r/issues", true],
    ["POST", "/repos/o/r/issues/comments/9/reactions", true],
    ["POST", "/repos/o/r/check-runs", false],
    ["PATCH", "/repos/o/r/check-runs/4", false],
    ["PATCH", "/repos/o/r/issues/7", false],
    ["POST", "/graphql", false],
    ["GET", "/repos/o/r/pulls/7/reviews", false],
  ] as const)("%s %s → %s", (method, url, counted) => {
    expect(createsContent(method, url)).toBe(counted);
  });
});

const failure = (status: number, message: string, headers: Record<string, string> = {}) => ({ status, message, response: { headers, data: { message } } });
const SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

describe("secondaryLimitWaitMs", () => {
  it.each([
    ["403 with retry-after", failure(403, SECONDARY, { "retry-after": "30" }), 30_000],
    ["429 with retry-after, any message", failure(429, "Too many requests", { "retry-after": "2" }), 2_000],
    ["403 saying so, no retry-after: the fallback", failure(403, SECONDARY), 60_000],
    ["403 for a missing permission", failure(403, "Resource not accessible by integration"), undefined],
    ["403 of the primary limit (left to the throttling plugin)", failure(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0", "retry-after": "5" }), undefined],
    ["a 502 (ambiguous: write-once looks first)", failure(502, SECONDARY, { "retry-after": "1" }), undefined],
    ["not an HTTP error", new Error(SECONDARY), undefined],
  ])("%s", (_name, error, wait) => {
    expect(secondaryLimitWaitMs(error)).toBe(wait);
  });
});

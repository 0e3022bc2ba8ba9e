// Setup file (vitest `setupFiles`), run in every test file: guards the
// advisory-only invariant over every GitHub request the file made through the
// GitHub mock, and fails a test that made a request no expectation matched.
// The check uses the suite's own allowlist (advisory-allowlist.ts), not the
// product's policy, so one mistake cannot hide in both.

import { afterAll, afterEach, beforeAll, expect } from "vitest";

import { explainNonAdvisoryRequest } from "./advisory-allowlist.js";
import { githubRequestLog, liveGitHubMocks, type LoggedGitHubRequest } from "./github-request-log.js";

/** One line per recorded request that breaks the advisory-only rule. */
export function advisoryViolations(requests: readonly LoggedGitHubRequest[]): string[] {
  return requests.flatMap((request) => {
    const why = explainNonAdvisoryRequest(request.method, request.path, request.body);
    return why === undefined ? [] : [`${request.method} ${request.path}: ${why}${request.file ? ` (${request.file})` : ""}`];
  });
}

// eslint-disable-next-line no-empty-pattern -- vitest wants a destructured context before the suite
beforeAll(({}, suite) => {
  githubRequestLog.reset(suite.file.name);
});

afterEach(() => {
  const unmatched: string[] = [];
  for (const mock of liveGitHubMocks) {
    for (const request of mock.unmatched.splice(0)) unmatched.push(`${request.method} ${request.path}`);
    if (mock.closed) liveGitHubMocks.delete(mock);
  }
  expect(unmatched, "requests to GitHub that no gh.on(...) expectation matched").toEqual([]);
});

afterAll(() => {
  const violations = advisoryViolations(githubRequestLog.all());
  if (violations.length > 0) {
    throw new Error(`Advisory-only invariant broken by ${violations.length} GitHub request(s):\n${violations.join("\n")}`);
  }
});

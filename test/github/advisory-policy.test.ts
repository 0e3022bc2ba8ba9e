// The advisory-only rule: every non-advisory write is flagged with a reason,
// the writes foureyes makes pass. The policy is an allowlist, so the attacks
// below are the ones a blocklist let through (GraphQL mutations hidden behind
// a query, JSON-string bodies, edits foureyes never makes).

import { describe, expect, it } from "vitest";

import { isAdvisoryRequest } from "../../src/github/advisory-policy.js";
import { reportMarker } from "../../src/reports/render-report-markdown.js";

const PR = "/repos/o/r/pulls/5";

const APPROVE = 'addPullRequestReview(input: {pullRequestId: "PR_1", event: APPROVE, body: "lgtm"}) { clientMutationId }';
const AUTO_MERGE = 'enablePullRequestAutoMerge(input: {pullRequestId: "PR_1", mergeMethod: SQUASH}) { clientMutationId }';

/** How every report issue body starts (src/reports/render-report-markdown.ts). */
const REPORT = "<!-- foureyes:report=acme/api:2026-W48 -->\n\n# Review load";

const graphql = (query: string, extra: Record<string, unknown> = {}) => ({ query, ...extra });

describe("isAdvisoryRequest refuses GraphQL that is not only queries", () => {
  it.each([
    ["a mutation after a query, chosen by operationName", graphql(`query Harmless { viewer { login } }\nmutation Approve { ${APPROVE} }`, { operationName: "Approve" }), /mutation/],
    ["a mutation after a leading comma", graphql(`, mutation { ${APPROVE} }`), /mutation/],
    ["a mutation after whitespace and comments", graphql(`\n  # just a read\n\t mutation { ${APPROVE} }`), /mutation/],
    ["a mutation after a comment ended by a carriage return", graphql(`# just a read\rmutation { ${APPROVE} }`), /mutation/],
    ["a mutation after a byte order mark", graphql(`\uFEFFmutation { ${APPROVE} }`), /mutation/],
    ["a mutation after a fragment definition", graphql(`fragment F on PullRequest { id }\nmutation { ${APPROVE} }`), /mutation/],
    ["auto-merge behind a query", graphql(`query { viewer { login } }\nmutation { ${AUTO_MERGE} }`), /mutation/],
    ["a subscription", graphql("subscription { pullRequestUpdated { id } }"), /subscription/],
    ["a document that does not parse", graphql("query { viewer { login }"), /does not parse/],
    ["a schema definition instead of an operation", graphql("type Query { a: Int }"), /not a query/],
    ["a body without a query", {}, /no GraphQL query/],
    ["a query that is not a string", { query: ["mutation { x }"] }, /no GraphQL query/],
    ["an operationName naming no query of the document", graphql("query A { viewer { login } }", { operationName: "B" }), /operationName/],
    ["a mutation in a JSON-string body", JSON.stringify(graphql(`mutation { ${APPROVE} }`)), /mutation/],
    ["a batch of operations", [graphql("query { viewer { login } }"), graphql(`mutation { ${APPROVE} }`)], /not a JSON object/],
  ])("refuses %s", (_name, body, why) => {
    const verdict = isAdvisoryRequest("POST", "/graphql", body);
    expect(verdict.ok).toBe(false);
    expect(verdict.why).toMatch(why);
  });

  it("refuses a mutation sent to the GitHub Enterprise endpoint, and GraphQL over GET", () => {
    expect(isAdvisoryRequest("POST", "/api/graphql", graphql(`query { viewer { login } } mutation { ${APPROVE} }`)).ok).toBe(false);
    expect(isAdvisoryRequest("GET", `/graphql?query=${encodeURIComponent(`mutation { ${APPROVE} }`)}`, undefined).ok).toBe(false);
  });
});

describe("isAdvisoryRequest reads JSON-string bodies as the JSON GitHub will read", () => {
  it.each([
    ["PATCH", PR, { state: "closed" }],
    ["PATCH", "/repos/o/r/issues/5", { labels: ["approved"] }],
    ["POST", "/repos/o/r/issues/5/labels", { labels: ["lgtm"] }],
    ["PATCH", "/repos/o/r/labels/bug", { name: "bug", color: "00ff00" }],
    ["PATCH", "/repos/o/r/check-runs/4", { status: "completed", conclusion: "failure" }],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", conclusion: "success" }],
    ["PUT", `${PR}/merge`, { merge_method: "squash" }],
    ["POST", `${PR}/reviews`, { event: "APPROVE", body: "lgtm" }],
    ["POST", "/repos/o/r/issues", { title: "t", body: "b", assignees: ["octocat"] }],
  ])("refuses %s %s with %j as a string", (method, path, body) => {
    expect(isAdvisoryRequest(method, path, JSON.stringify(body)).ok).toBe(false);
  });

  it("refuses a write whose body does not parse, and one that is not JSON at all", () => {
    expect(isAdvisoryRequest("POST", "/repos/o/r/issues/5/comments", '{"body": "x"').why).toMatch(/body is not JSON/);
    expect(isAdvisoryRequest("POST", "/repos/o/r/issues/5/comments", Buffer.from('{"body":"x"}')).why).toMatch(/not a JSON object/);
  });

  it("allows a string body that says what foureyes says", () => {
    expect(isAdvisoryRequest("POST", `${PR}/reviews`, JSON.stringify({ event: "COMMENT", body: "advisory" }))).toEqual({ ok: true });
  });
});

describe("isAdvisoryRequest allows only the writes foureyes makes", () => {
  it.each([
    ["POST", `${PR}/reviews`, { event: "APPROVE" }, /APPROVE/],
    ["POST", `${PR}/reviews`, { event: "REQUEST_CHANGES", body: "no" }, /REQUEST_CHANGES/],
    ["POST", `${PR}/reviews`, { event: "comment", body: "x" }, /"comment"/],
    ["POST", `${PR}/reviews`, { body: "pending" }, /without an event.*pending/],
    ["POST", `${PR}/reviews/9/events`, { event: "APPROVE" }, /not one of the advisory writes/],
    ["POST", `${PR}/reviews/9/events`, { event: "COMMENT" }, /not one of the advisory writes/],
    ["PUT", `${PR}/reviews/9`, { body: "rewritten" }, /not one of the advisory writes/],
    ["PUT", `${PR}/merge`, { merge_method: "squash" }, /not one of the advisory writes/],
    ["PUT", `${PR}/reviews/9/dismissals`, { message: "x" }, /not one of the advisory writes/],
    ["PATCH", PR, { title: "a better title" }, /not one of the advisory writes/],
    ["PATCH", PR, { body: "a rewritten description" }, /not one of the advisory writes/],
    ["PATCH", PR, { state: "closed" }, /not one of the advisory writes/],
    ["POST", `${PR}/comments`, { body: "x", commit_id: "a", path: "a.ts", line: 1 }, /not one of the advisory writes/],
    ["PATCH", "/repos/o/r/pulls/comments/3", { body: "edited" }, /not one of the advisory writes/],
    ["PATCH", "/repos/o/r/issues/comments/8", { body: "someone else's words, edited" }, /not one of the advisory writes/],
    ["DELETE", "/repos/o/r/issues/comments/8", undefined, /not one of the advisory writes/],
    ["POST", "/repos/o/r/issues/5/labels", { labels: ["lgtm"] }, /not one of the advisory writes/],
    ["DELETE", "/repos/o/r/issues/5/labels/lgtm", undefined, /not one of the advisory writes/],
    ["POST", "/repos/o/r/issues/5/assignees", { assignees: ["a"] }, /not one of the advisory writes/],
    ["POST", `${PR}/requested_reviewers`, { reviewers: ["a"] }, /not one of the advisory writes/],
    ["POST", `/repos/o/r/statuses/${"a".repeat(40)}`, { state: "success" }, /not one of the advisory writes/],
    ["POST", "/repos/o/r/merges", { base: "main", head: "x" }, /not one of the advisory writes/],
    ["PUT", "/repos/o/r/contents/README.md", { content: "" }, /not one of the advisory writes/],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", conclusion: "success" }, /"success"/],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", conclusion: "failure" }, /"failure"/],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", conclusion: "action_required" }, /"action_required"/],
    ["POST", "/repos/o/r/check-runs", { name: "ci/required-tests", head_sha: "a", conclusion: "neutral" }, /named "ci\/required-tests"/],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", status: "waiting" }, /status "waiting"/],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", status: "in_progress", actions: [{ label: "Fix", identifier: "x", description: "y" }] }, /actions/],
    ["PATCH", "/repos/o/r/check-runs/4", { status: "completed" }, /neutral or skipped/],
    ["PATCH", "/repos/o/r/check-runs/4", { name: "ci/required-tests" }, /name/],
    ["PATCH", "/repos/o/r/issues/5", { body: REPORT, state: "closed" }, /"state"/],
    ["PATCH", "/repos/o/r/issues/5", { body: REPORT, milestone: 3 }, /"milestone"/],
    ["PATCH", "/repos/o/r/issues/5", { title: "a pull request is an issue too" }, /without a body/],
    ["PATCH", "/repos/o/r/issues/5", { title: "t", body: "a pull request's description, rewritten" }, /report marker/],
    ["POST", "/repos/o/r/issues", { title: "t", body: REPORT, labels: ["report"] }, /"labels"/],
    ["POST", "/repos/o/r/issues", { title: "t", body: REPORT, assignees: ["octocat"] }, /"assignees"/],
    ["POST", "/repos/o/r/issues", { title: "spam", body: "not a report" }, /report marker/],
    ["POST", "/repos/o/r/issues/5/comments", { body: "x", reactions: 1 }, /reactions/],
    ["POST", "/repos/o/r/issues/comments/8/reactions", { content: "rocket", extra: true }, /extra/],
    ["POST", "/app/installations/1/access_tokens", { permissions: { contents: "write" }, extra: true }, /extra/],
    ["PATCH", "/repos/o/r/issues/5?state=closed", { body: REPORT }, /query string/],
    ["PATCH", "/repos/o/r/issues/5%2F..%2F..%2Fpulls%2F5", { body: "x" }, /not one of the advisory writes/],
    ["PUT", "/repos/o/r/issues/5/comments/../../../pulls/5/merge", {}, /not one of the advisory writes/],
    ["PUT", "/api/v3/repos/o/r/pulls/5/merge?x=1", {}, /PUT \/repos\/o\/r\/pulls\/5\/merge/],
    ["OPTIONS", PR, undefined, /not one of the advisory writes/],
  ])("flags %s %s %j", (method, path, body, why) => {
    const verdict = isAdvisoryRequest(method, path, body);
    expect(verdict.ok).toBe(false);
    expect(verdict.why).toMatch(why);
  });

  it.each([
    ["GET", `${PR}/files?per_page=100&page=2`, undefined],
    ["HEAD", `${PR}`, undefined],
    ["GET", "/api/v3/repos/o/r/contents/.github%2Ffoureyes.yml", undefined],
    ["POST", `${PR}/reviews`, { event: "COMMENT", commit_id: "a", body: "b", comments: [{ path: "a.ts", line: 3, side: "RIGHT", body: "c" }] }],
    ["POST", `${PR}/reviews`, { event: "COMMENT", body: "b" }],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", status: "completed", conclusion: "neutral", completed_at: "2024-01-01T00:00:00Z", output: { title: "t", summary: "s" } }],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", conclusion: "skipped" }],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", status: "in_progress" }],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", status: "queued" }],
    ["PATCH", "/repos/o/r/check-runs/4", { status: "completed", conclusion: "neutral", output: { title: "t", summary: "s" } }],
    ["POST", "/repos/o/r/issues/5/comments", { body: "Re-review queued." }],
    ["POST", "/repos/o/r/issues/comments/8/reactions", { content: "eyes" }],
    ["POST", "/repos/o/r/issues", { title: "Review load", body: REPORT }],
    ["PATCH", "/repos/o/r/issues/12", { body: REPORT }],
    ["PATCH", "/repos/o/r/issues/12", { title: "Review load", body: REPORT }],
    ["POST", "/app/installations/1/access_tokens", {}],
    ["POST", "/app/installations/1/access_tokens", undefined],
    ["POST", "/api/v3/app/installations/1/access_tokens", { repository_ids: [1], permissions: { pull_requests: "write" } }],
    ["POST", "/graphql", { query: "query { viewer { login } }" }],
    ["POST", "/graphql", { query: "{ viewer { login } }" }],
    ["POST", "/graphql", { query: "fragment F on User { login }\nquery A($n: Int) { viewer { ...F } }\nquery B { viewer { id } }", variables: { n: 1 }, operationName: "B" }],
    ["POST", "/api/graphql", { query: "query { viewer { login } }" }],
    ["POST", "https://ghe.example.com/api/graphql", { query: "query { viewer { login } }" }],
  ])("allows %s %s", (method, path, body) => {
    expect(isAdvisoryRequest(method, path, body)).toEqual({ ok: true });
  });

  it("knows the report issue by the marker the report renders", () => {
    const marker = reportMarker({ scope: "acme/api", window: { label: "2026-W48" } } as Parameters<typeof reportMarker>[0]);
    expect(isAdvisoryRequest("PATCH", "/repos/acme/api/issues/3", { title: "Review load", body: `${marker}\n\n# Review load` })).toEqual({ ok: true });
  });

  it("explains a refusal in a sentence an operator can act on", () => {
    expect(isAdvisoryRequest("PATCH", PR, { title: "x" }).why).toBe(
      "PATCH /repos/o/r/pulls/5 is not one of the advisory writes foureyes makes (see the list in src/github/advisory-writes.ts)",
    );
    expect(isAdvisoryRequest("POST", `${PR}/reviews`, { event: "APPROVE" }).why).toBe(
      'POST /repos/o/r/pulls/5/reviews (a COMMENT review): a review with event "APPROVE"; only event "COMMENT" is advisory',
    );
  });
});

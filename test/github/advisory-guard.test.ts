// The guard on foureyes' Octokit: whatever code holds the client, a write the
// advisory policy flags never leaves the process; advisory writes go through.
// The attacks are sent through the real guarded Octokit at the HTTP mock, so
// "refused" means the mock saw nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { AdvisoryViolationError } from "../../src/github/errors.js";
import { createTestOctokit, type GitHubMock, mockGitHub, type TestOctokit } from "../helpers/github-mock.js";

let gh: GitHubMock;
beforeEach(() => {
  gh = mockGitHub();
});
afterEach(() => {
  gh.close();
});

const repo = { owner: "acme", repo: "shop" };
const pr = { ...repo, pull_number: 7 };
const APPROVE = 'addPullRequestReview(input: {pullRequestId: "PR_1", event: APPROVE, body: "lgtm"}) { clientMutationId }';
const AUTO_MERGE = 'enablePullRequestAutoMerge(input: {pullRequestId: "PR_1", mergeMethod: SQUASH}) { clientMutationId }';

type Attack = [name: string, send: (octokit: TestOctokit) => Promise<unknown>];

const graphqlAttacks: Attack[] = [
  ["approve behind a query, picked by operationName", (o) => o.graphql({ query: `query Harmless { viewer { login } }\nmutation Approve { ${APPROVE} }`, operationName: "Approve" })],
  ["a mutation after a leading comma", (o) => o.graphql(`, mutation { ${APPROVE} }`)],
  ["a mutation after whitespace and a comment", (o) => o.graphql(`\n  # a read\n mutation { ${APPROVE} }`)],
  ["a mutation after a comment ended by a carriage return", (o) => o.graphql(`# a read\rmutation { ${APPROVE} }`)],
  ["a mutation after a fragment definition", (o) => o.graphql(`fragment F on PullRequest { id }\nmutation { ${APPROVE} }`)],
  ["auto-merge behind a query", (o) => o.graphql(`query { viewer { login } }\nmutation { ${AUTO_MERGE} }`)],
  ["a subscription", (o) => o.graphql("subscription { pullRequestUpdated { id } }")],
  ["a document that does not parse", (o) => o.graphql("query { viewer { login }")],
  ["a mutation in a JSON-string body", (o) => o.request("POST /graphql", { data: JSON.stringify({ query: `mutation { ${APPROVE} }` }) })],
];

/** Octokit sends `data` as it is: a string body goes out as the JSON text GitHub reads. */
const stringBody = (value: unknown) => ({ data: JSON.stringify(value) });

const stringBodyAttacks: Attack[] = [
  ["string body: close the pull request", (o) => o.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { ...pr, ...stringBody({ state: "closed" }) })],
  ["string body: label it through an issue update", (o) => o.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 7, ...stringBody({ labels: ["approved"] }) })],
  ["string body: add a label", (o) => o.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...repo, issue_number: 7, ...stringBody({ labels: ["lgtm"] }) })],
  ["string body: rename a label", (o) => o.request("PATCH /repos/{owner}/{repo}/labels/{name}", { ...repo, name: "bug", ...stringBody({ new_name: "approved" }) })],
  ["string body: fail a check run", (o) => o.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", { ...repo, check_run_id: 4, ...stringBody({ status: "completed", conclusion: "failure" }) })],
  ["string body: merge", (o) => o.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", { ...pr, ...stringBody({ merge_method: "squash" }) })],
  ["string body: approve", (o) => o.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { ...pr, ...stringBody({ event: "APPROVE", body: "lgtm" }) })],
];

const writesFoureyesNeverMakes: Attack[] = [
  ["approve", (o) => o.rest.pulls.createReview({ ...pr, event: "APPROVE" })],
  ["request changes", (o) => o.rest.pulls.createReview({ ...pr, event: "REQUEST_CHANGES", body: "no" })],
  ["merge", (o) => o.rest.pulls.merge(pr)],
  ["add a label", (o) => o.rest.issues.addLabels({ ...repo, issue_number: 7, labels: ["lgtm"] })],
  ["set a commit status", (o) => o.rest.repos.createCommitStatus({ ...repo, sha: "a".repeat(40), state: "success" })],
  ["pass a check run", (o) => o.rest.checks.create({ ...repo, name: "foureyes", head_sha: "a".repeat(40), conclusion: "success" })],
  ["a neutral check run under another check's name", (o) => o.rest.checks.create({ ...repo, name: "ci/required-tests", head_sha: "a".repeat(40), conclusion: "neutral" })],
  ["retitle the pull request", (o) => o.rest.pulls.update({ ...pr, title: "harmless" })],
  ["rewrite the pull request's description", (o) => o.rest.pulls.update({ ...pr, body: "rewritten" })],
  ["edit someone's conversation comment", (o) => o.rest.issues.updateComment({ ...repo, comment_id: 8, body: "edited" })],
  ["edit someone's review comment", (o) => o.rest.pulls.updateReviewComment({ ...repo, comment_id: 3, body: "edited" })],
  ["close an issue through a query string", (o) => o.request("PATCH /repos/acme/shop/issues/7?state=closed", { body: "x" })],
  // Octokit serialises a plain object with JSON.stringify, which asks toJSON: the body sent is not the one checked.
  ["a COMMENT review whose toJSON says APPROVE", (o) =>
    o.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { ...pr, event: "COMMENT", toJSON: () => ({ event: "APPROVE" }) })],
  ["a plain mutation", (o) => o.graphql('mutation { mergePullRequest(input: {pullRequestId: "x"}) { clientMutationId } }')],
];

describe("advisoryGuard", () => {
  it.each([...graphqlAttacks, ...stringBodyAttacks, ...writesFoureyesNeverMakes])(
    "refuses %s before anything is sent",
    async (_name, send) => {
      await expect(send(createTestOctokit(gh))).rejects.toBeInstanceOf(AdvisoryViolationError);
      expect(gh.requests).toEqual([]);
    },
  );

  it("lets an advisory COMMENT review through, also as a string body", async () => {
    const posted = gh.on("POST", "/repos/acme/shop/pulls/7/reviews", [200, { id: 1 }], { times: 2 });
    const octokit = createTestOctokit(gh);
    await octokit.rest.pulls.createReview({ ...pr, event: "COMMENT", body: "advisory" });
    await octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { ...pr, ...stringBody({ event: "COMMENT", body: "advisory" }) });
    expect(posted.calls.map((call) => call.body)).toEqual([
      { event: "COMMENT", body: "advisory" },
      { event: "COMMENT", body: "advisory" },
    ]);
  });

  it("checks GitHub Enterprise Server paths the same way", async () => {
    // The mock sits at /api so it sees both REST (/api/v3/…) and GraphQL (/api/graphql).
    const ghe = mockGitHub({ baseUrl: "https://ghe.example.com/api" });
    try {
      const octokit = createTestOctokit({ baseUrl: "https://ghe.example.com/api/v3" });
      await expect(octokit.rest.pulls.merge(pr)).rejects.toBeInstanceOf(AdvisoryViolationError);
      await expect(octokit.graphql("mutation { x }")).rejects.toBeInstanceOf(AdvisoryViolationError);
      await expect(octokit.graphql(`query { viewer { login } } mutation { ${APPROVE} }`)).rejects.toBeInstanceOf(AdvisoryViolationError);
      expect(ghe.requests).toEqual([]);
      // GraphQL queries (the report's backfill) are reads and pass, at /api/graphql on GHES.
      const query = ghe.on("POST", "/graphql", [200, { data: { viewer: { login: "x" } } }]);
      await octokit.graphql("query { viewer { login } }");
      expect(query.calls).toHaveLength(1);
    } finally {
      ghe.close();
    }
  });
});

// The guard on foureyes' Octokit: whatever code holds the client, a write the
// advisory policy flags never leaves the process; advisory writes go through.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AdvisoryViolationError } from "../../src/github/errors.js";
import { createTestOctokit, mockGitHub, type GitHubMock } from "../helpers/github-mock.js";

let gh: GitHubMock;
beforeEach(() => {
  gh = mockGitHub();
});
afterEach(() => {
  gh.close();
});

const pr = { owner: "acme", repo: "shop", pull_number: 7 };

describe("advisoryGuard", () => {
  it("refuses to approve, request changes, merge, label or set a status, before any request is sent", async () => {
    const octokit = createTestOctokit(gh);
    const attempts = [
      () => octokit.rest.pulls.createReview({ ...pr, event: "APPROVE" }),
      () => octokit.rest.pulls.createReview({ ...pr, event: "REQUEST_CHANGES", body: "no" }),
      () => octokit.rest.pulls.merge(pr),
      () => octokit.rest.issues.addLabels({ owner: "acme", repo: "shop", issue_number: 7, labels: ["lgtm"] }),
      () => octokit.rest.repos.createCommitStatus({ owner: "acme", repo: "shop", sha: "a".repeat(40), state: "success" }),
      () => octokit.rest.checks.create({ owner: "acme", repo: "shop", name: "x", head_sha: "a".repeat(40), conclusion: "success" }),
      () => octokit.graphql("mutation { mergePullRequest(input: {pullRequestId: \"x\"}) { clientMutationId } }"),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(AdvisoryViolationError);
    expect(gh.requests).toEqual([]);
  });

  it("lets an advisory COMMENT review through", async () => {
    const posted = gh.on("POST", "/repos/acme/shop/pulls/7/reviews", [200, { id: 1 }]);
    const octokit = createTestOctokit(gh);
    await octokit.rest.pulls.createReview({ ...pr, event: "COMMENT", body: "advisory" });
    expect(posted.calls).toHaveLength(1);
  });

  it("checks GitHub Enterprise Server paths the same way", async () => {
    // The mock sits at /api so it sees both REST (/api/v3/…) and GraphQL (/api/graphql).
    const ghe = mockGitHub({ baseUrl: "https://ghe.example.com/api" });
    try {
      const octokit = createTestOctokit({ baseUrl: "https://ghe.example.com/api/v3" });
      await expect(octokit.rest.pulls.merge(pr)).rejects.toBeInstanceOf(AdvisoryViolationError);
      await expect(octokit.graphql("mutation { x }")).rejects.toBeInstanceOf(AdvisoryViolationError);
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

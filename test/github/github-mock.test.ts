// The GitHub HTTP mock itself: matching, recording, pagination, unmatched and
// unused expectations, and the suite-wide log the advisory check reads.

import { afterEach, describe, expect, it } from "vitest";

import { createTestOctokit, type GitHubMock, mockGitHub, pullRequestJson } from "../helpers/github-mock.js";
import { githubRequestLog } from "../helpers/github-request-log.js";
import { advisoryViolations } from "../helpers/record-github-requests.js";

let gh: GitHubMock;

afterEach(() => gh.close());

describe("mockGitHub", () => {
  it("answers a real Octokit request and records it with its parsed body", async () => {
    gh = mockGitHub();
    const octokit = createTestOctokit(gh);
    gh.on("GET", "/repos/o/r/pulls/7", [200, pullRequestJson({ owner: "o", repo: "r", number: 7, headSha: "f".repeat(40) })]);
    gh.on("POST", "/repos/o/r/issues/7/comments", (body: { body: string }) => [201, { id: 3, body: body.body }]);

    const pr = await octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: 7 });
    const comment = await octokit.rest.issues.createComment({ owner: "o", repo: "r", issue_number: 7, body: "hello" });

    expect(pr.data.head.sha).toBe("f".repeat(40));
    expect(comment.data.body).toBe("hello");
    expect(gh.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["GET", "/repos/o/r/pulls/7", undefined],
      ["POST", "/repos/o/r/issues/7/comments", { body: "hello" }],
    ]);
    expect(githubRequestLog.all().slice(-2).map((r) => r.path)).toEqual(["/repos/o/r/pulls/7", "/repos/o/r/issues/7/comments"]);
    gh.assertDone();
  });

  it("serves pages with Link headers that octokit.paginate follows", async () => {
    gh = mockGitHub();
    const octokit = createTestOctokit(gh);
    gh.onPages("GET", "/repos/o/r/pulls/1/files", [[{ filename: "a" }], [{ filename: "b" }], [{ filename: "c" }]]);

    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: "o", repo: "r", pull_number: 1, per_page: 100 });

    expect(files.map((f) => f.filename)).toEqual(["a", "b", "c"]);
    expect(gh.requests.map((r) => r.query.page ?? "1")).toEqual(["1", "2", "3"]);
    gh.assertDone();
  });

  it("fails clearly on an unmatched request and on an unused expectation", async () => {
    gh = mockGitHub();
    const octokit = createTestOctokit(gh);
    gh.on("GET", "/repos/o/r", [200, {}]);

    await expect(octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: 2 })).rejects.toThrow(
      /Unmatched request in the GitHub mock: GET \/repos\/o\/r\/pulls\/2/,
    );
    expect(() => gh.assertDone()).toThrow(/unused expectation GET \/repos\/o\/r .*unmatched request GET \/repos\/o\/r\/pulls\/2/);
    gh.unmatched.length = 0; // handled here; the setup file would otherwise fail this test
  });

  it("honours times and strips a GHES /api/v3 prefix", async () => {
    gh = mockGitHub({ baseUrl: "https://ghe.example.test/api/v3" });
    const octokit = createTestOctokit(gh);
    const expectation = gh.on("GET", /^\/repos\/o\/r$/, [200, { default_branch: "trunk" }], { times: 2 });

    await octokit.rest.repos.get({ owner: "o", repo: "r" });
    await octokit.rest.repos.get({ owner: "o", repo: "r" });

    expect(expectation.calls).toHaveLength(2);
    expect(expectation.done).toBe(true);
    expect(gh.requests[0]?.path).toBe("/repos/o/r");
    gh.assertDone();
  });
});

describe("the suite-wide advisory check", () => {
  const REPORT = "<!-- foureyes:report=acme/api:2026-W48 -->\n\n# Review load";
  const APPROVE = 'addPullRequestReview(input: {pullRequestId: "PR_1", event: APPROVE}) { clientMutationId }';

  it("reports each recorded request that is not advisory", () => {
    expect(
      advisoryViolations([
        { method: "GET", path: "/repos/o/r/pulls/1", body: undefined },
        { method: "POST", path: "/repos/o/r/pulls/1/reviews", body: { event: "COMMENT" } },
        { method: "POST", path: "/repos/o/r/pulls/1/reviews", body: { event: "APPROVE" }, file: "test/x.test.ts" },
        { method: "PUT", path: "/repos/o/r/pulls/1/merge", body: {} },
      ]),
    ).toEqual([
      'POST /repos/o/r/pulls/1/reviews: event "APPROVE" (allowed: COMMENT) (test/x.test.ts)',
      "PUT /repos/o/r/pulls/1/merge: not a write foureyes makes",
    ]);
  });

  // Its own list, not the product's policy: these got past the policy when the recorder shared it.
  it.each([
    ["POST", "/graphql", { query: `query A { viewer { login } } mutation B { ${APPROVE} }`, operationName: "B" }, /mutation/],
    ["POST", "/graphql", { query: `, mutation { ${APPROVE} }` }, /mutation/],
    ["POST", "/graphql", { query: `fragment F on PullRequest { id } mutation { ${APPROVE} }` }, /mutation/],
    ["POST", "/api/graphql", { query: 'query { viewer { login } } mutation { enablePullRequestAutoMerge(input: {pullRequestId: "x"}) { clientMutationId } }' }, /mutation/],
    ["POST", "/graphql", { query: "subscription { x }" }, /subscription/],
    ["POST", "/graphql", { query: "query { viewer { login }" }, /does not parse/],
    ["PATCH", "/repos/o/r/pulls/1", { title: "retitled" }, /not a write/],
    ["PATCH", "/repos/o/r/issues/comments/8", { body: "edited" }, /not a write/],
    ["PATCH", "/repos/o/r/issues/1", { title: "retitled" }, /report marker/],
    ["PATCH", "/repos/o/r/issues/1", { body: REPORT, state: "closed" }, /state/],
    ["PATCH", "/repos/o/r/issues/1?state=closed", { body: REPORT }, /query string/],
    ["POST", "/repos/o/r/check-runs", { name: "ci/required", conclusion: "neutral" }, /name/],
    ["PATCH", "/v3/repos/o/r/check-runs/4", { conclusion: "failure" }, /failure/],
    ["POST", "/repos/o/r/pulls/1/reviews", { body: "pending" }, /event undefined/],
    ["POST", "/repos/o/r/issues/1/comments", "not json", /not a JSON object/],
  ])("flags %s %s %j", (method, path, body, why) => {
    const [violation] = advisoryViolations([{ method, path, body }]);
    expect(violation).toMatch(why);
  });

  it("passes every write foureyes makes", () => {
    expect(
      advisoryViolations([
        { method: "POST", path: "/app/installations/1/access_tokens", body: undefined },
        { method: "POST", path: "/graphql", body: { query: "query Q($id: ID!) { node(id: $id) { id } }", variables: { id: "x" } } },
        { method: "POST", path: "/repos/o/r/pulls/1/reviews", body: { event: "COMMENT", body: "b", commit_id: "a", comments: [] } },
        { method: "POST", path: "/repos/o/r/check-runs", body: { name: "foureyes", head_sha: "a", status: "completed", conclusion: "neutral", output: { title: "t", summary: "s" } } },
        { method: "POST", path: "/repos/o/r/issues/1/comments", body: { body: "queued" } },
        { method: "POST", path: "/repos/o/r/issues/comments/8/reactions", body: { content: "eyes" } },
        { method: "POST", path: "/repos/o/r/issues", body: { title: "Review load", body: REPORT } },
        { method: "PATCH", path: "/repos/o/r/issues/12", body: { title: "Review load", body: REPORT } },
      ]),
    ).toEqual([]);
  });
});

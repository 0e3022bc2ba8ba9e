// The report issue through the GitHub HTTP mock: created once, found by its
// hidden marker and updated in place (title and body only) on a rerun, never
// duplicated, never touching labels, assignees or state; only an issue
// foureyes' account opened is ever written into.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { upsertReportIssue } from "../../../src/github/upsert-report-issue.js";
import { APP_USER, TEST_APP } from "../../helpers/app-identity.js";
import { createTestOctokit, type GitHubMock, mockGitHub } from "../../helpers/github-mock.js";

const MARKER = "<!-- foureyes:report=acme/api:2026-W48 -->";
const ISSUES = "/repos/acme/api/issues";

function issueJson(number: number, body: string, extra: Record<string, unknown> = {}) {
  return { number, title: `Issue ${number}`, body, state: "open", html_url: `https://github.com/acme/api/issues/${number}`, user: APP_USER, ...extra };
}

describe("upsertReportIssue", () => {
  let gh: GitHubMock;
  beforeEach(() => {
    gh = mockGitHub();
  });
  afterEach(() => {
    gh.close();
  });

  it("creates the issue when none carries the marker, with title and body only", async () => {
    gh.on("GET", ISSUES, [200, [issueJson(3, "unrelated"), issueJson(4, `${MARKER} but a pull request`, { pull_request: { url: "x" } })]]);
    gh.on("POST", ISSUES, (body) => [201, issueJson(5, body.body, { title: body.title })]);
    const result = await upsertReportIssue(createTestOctokit(gh), { owner: "acme", repo: "api" }, { marker: MARKER, title: "Review load 2026-W48", body: "# Report" }, { app: TEST_APP });
    expect(result).toEqual({ action: "created", number: 5, url: "https://github.com/acme/api/issues/5" });
    const [create] = gh.requestsTo("POST", ISSUES);
    expect(create!.body).toEqual({ title: "Review load 2026-W48", body: `${MARKER}\n\n# Report` });
    expect(gh.requestsTo("GET", ISSUES)[0]!.query).toMatchObject({ creator: TEST_APP.login, state: "all", sort: "created", direction: "desc", per_page: "100" });
    gh.assertDone();
  });

  it("updates the marked issue in place, found on a later page, and stops listing there", async () => {
    const page1 = Array.from({ length: 100 }, (_, index) => issueJson(500 - index, "other"));
    const page2 = [issueJson(42, `${MARKER}\n\nold figures`, { labels: [{ name: "report" }], assignees: [{ login: "ana" }], state: "closed" })];
    const page3 = [issueJson(1, "never read")];
    const [first, second] = gh.onPages("GET", ISSUES, [page1, page2, page3]);
    gh.on("PATCH", `${ISSUES}/42`, (body) => [200, issueJson(42, body.body, { title: body.title })]);

    const result = await upsertReportIssue(
      createTestOctokit(gh),
      { owner: "acme", repo: "api" },
      { marker: MARKER, title: "Review load 2026-W48", body: `${MARKER}\n\nnew figures` },
      { app: TEST_APP },
    );
    expect(result).toEqual({ action: "updated", number: 42, url: "https://github.com/acme/api/issues/42" });
    expect(first!.done && second!.done).toBe(true);
    expect(gh.requestsTo("GET", ISSUES)).toHaveLength(2);
    expect(gh.requestsTo("GET", ISSUES)[0]!.query.creator).toBe("foureyes[bot]");
    expect(gh.requestsTo("PATCH", `${ISSUES}/42`)[0]!.body).toEqual({ title: "Review load 2026-W48", body: `${MARKER}\n\nnew figures` });
    expect(gh.requestsTo("POST", ISSUES)).toEqual([]);
  });

  it("does not write when the issue already says the same", async () => {
    gh.on("GET", ISSUES, [200, [issueJson(42, `${MARKER}\n\nsame`, { title: "Review load" })]]);
    const result = await upsertReportIssue(createTestOctokit(gh), { owner: "acme", repo: "api" }, { marker: MARKER, title: "Review load", body: `${MARKER}\n\nsame` }, { app: TEST_APP });
    expect(result.action).toBe("unchanged");
    expect(gh.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  it("keeps one issue over reruns against a repository that remembers", async () => {
    const issues: ReturnType<typeof issueJson>[] = [];
    gh.on("GET", ISSUES, () => [200, [...issues].reverse()], { times: Infinity });
    gh.on("POST", ISSUES, (body) => {
      const issue = issueJson(issues.length + 1, body.body, { title: body.title });
      issues.push(issue);
      return [201, issue];
    }, { times: Infinity });
    gh.on("PATCH", /^\/repos\/acme\/api\/issues\/\d+$/, (body, uri) => {
      const issue = issues.find((candidate) => uri.endsWith(`/${candidate.number}`))!;
      Object.assign(issue, body);
      return [200, issue];
    }, { times: Infinity });

    const octokit = createTestOctokit(gh);
    const target = { owner: "acme", repo: "api" };
    const first = await upsertReportIssue(octokit, target, { marker: MARKER, title: "W48", body: "run 1" }, { app: TEST_APP });
    const second = await upsertReportIssue(octokit, target, { marker: MARKER, title: "W48", body: "run 2" }, { app: TEST_APP });
    const nextWeek = await upsertReportIssue(octokit, target, { marker: "<!-- foureyes:report=acme/api:2026-W49 -->", title: "W49", body: "run 3" }, { app: TEST_APP });
    expect([first.action, second.action, nextWeek.action]).toEqual(["created", "updated", "created"]);
    expect(second.number).toBe(first.number);
    expect(issues).toHaveLength(2);
    expect(issues[0]!.body).toBe(`${MARKER}\n\nrun 2`);
  });

  it("never writes into an issue someone else opened with the marker, and opens foureyes' own", async () => {
    // The listing should only hold the app's issues; a GitHub that ignores the filter must not matter.
    const hijack = issueJson(9, `${MARKER}\n\nPlease paste the report here.`, { user: { login: "mallory", type: "User" } });
    gh.on("GET", ISSUES, [200, [hijack]]);
    const create = gh.on("POST", ISSUES, (body) => [201, issueJson(10, body.body, { title: body.title })]);

    const result = await upsertReportIssue(createTestOctokit(gh), { owner: "acme", repo: "api" }, { marker: MARKER, title: "W48", body: "figures" }, { app: TEST_APP });

    expect(result).toEqual({ action: "created", number: 10, url: "https://github.com/acme/api/issues/10" });
    expect(create.calls).toHaveLength(1);
    expect(gh.requests.filter((request) => request.method === "PATCH")).toEqual([]);
    gh.assertDone();
  });

  it("opens one issue when GitHub answered 502 after opening it", async () => {
    const issues: ReturnType<typeof issueJson>[] = [];
    gh.on("GET", ISSUES, () => [200, [...issues].reverse()], { times: Infinity });
    const create = gh.on("POST", ISSUES, (body) => {
      issues.push(issueJson(issues.length + 1, body.body, { title: body.title }));
      return [502, { message: "Bad Gateway" }];
    }, { times: Infinity });

    const result = await upsertReportIssue(createTestOctokit(gh), { owner: "acme", repo: "api" }, { marker: MARKER, title: "W48", body: "figures" }, { app: TEST_APP });

    expect(result).toEqual({ action: "created", number: 1, url: "https://github.com/acme/api/issues/1" });
    expect(create.calls).toHaveLength(1);
    expect(issues).toHaveLength(1);
  });
});

// The report issue through the GitHub HTTP mock: created once, found by its
// hidden marker and updated in place (title and body only) on a rerun, never
// duplicated, never touching labels, assignees or state.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { upsertReportIssue } from "../../../src/github/upsert-report-issue.js";
import { createTestOctokit, mockGitHub, type GitHubMock } from "../../helpers/github-mock.js";

const MARKER = "<!-- foureyes:report=acme/api:2026-W48 -->";
const ISSUES = "/repos/acme/api/issues";

function issueJson(number: number, body: string, extra: Record<string, unknown> = {}) {
  return { number, title: `Issue ${number}`, body, state: "open", html_url: `https://github.com/acme/api/issues/${number}`, ...extra };
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
    const result = await upsertReportIssue(createTestOctokit(gh), { owner: "acme", repo: "api" }, { marker: MARKER, title: "Review load 2026-W48", body: "# Report" });
    expect(result).toEqual({ action: "created", number: 5, url: "https://github.com/acme/api/issues/5" });
    const [create] = gh.requestsTo("POST", ISSUES);
    expect(create!.body).toEqual({ title: "Review load 2026-W48", body: `${MARKER}\n\n# Report` });
    expect(gh.requestsTo("GET", ISSUES)[0]!.query).toMatchObject({ state: "all", sort: "created", direction: "desc", per_page: "100" });
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
      { creator: "foureyes[bot]" },
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
    const result = await upsertReportIssue(createTestOctokit(gh), { owner: "acme", repo: "api" }, { marker: MARKER, title: "Review load", body: `${MARKER}\n\nsame` });
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
    const first = await upsertReportIssue(octokit, target, { marker: MARKER, title: "W48", body: "run 1" });
    const second = await upsertReportIssue(octokit, target, { marker: MARKER, title: "W48", body: "run 2" });
    const nextWeek = await upsertReportIssue(octokit, target, { marker: "<!-- foureyes:report=acme/api:2026-W49 -->", title: "W49", body: "run 3" });
    expect([first.action, second.action, nextWeek.action]).toEqual(["created", "updated", "created"]);
    expect(second.number).toBe(first.number);
    expect(issues).toHaveLength(2);
    expect(issues[0]!.body).toBe(`${MARKER}\n\nrun 2`);
  });
});

// `foureyes report` in-process against the GitHub HTTP mock: the backfill path,
// the three formats, GitHub Enterprise Server through GITHUB_API_URL, and one
// clear line with exit code 2 for what the user must fix.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type ReportCommandOptions, runReportCommand } from "../../../src/cli/report-command.js";
import { COMMENT_MARKER } from "../../../src/core/markers.js";
import { type GitHubMock, mockGitHub } from "../../helpers/github-mock.js";
import { type FakePull, serveReportGraphql } from "./graphql-github.js";

const NOW = new Date("2026-11-30T07:00:00+01:00");

const PULLS: FakePull[] = [
  {
    number: 1,
    createdAt: "2026-11-24T09:00:00Z",
    updatedAt: "2026-11-25T12:00:00Z",
    mergedAt: "2026-11-25T12:00:00Z",
    closedAt: "2026-11-25T12:00:00Z",
    state: "MERGED",
    reviews: [{ databaseId: 10, state: "APPROVED", submittedAt: "2026-11-24T15:00:00Z", author: { login: "ana", __typename: "User" } }],
    threads: [
      {
        isResolved: true,
        comments: [
          { databaseId: 31, body: `Off by one.\n\n${COMMENT_MARKER}`, createdAt: "2026-11-24T09:20:00Z", author: { login: "foureyes", __typename: "Bot" }, reactions: 1 },
          { databaseId: 32, body: "Right, fixed.", createdAt: "2026-11-24T10:00:00Z", author: { login: "octocat", __typename: "User" } },
        ],
      },
      { comments: [{ databaseId: 33, body: `Unused import.\n\n${COMMENT_MARKER}`, createdAt: "2026-11-24T09:20:00Z", author: { login: "foureyes", __typename: "Bot" } }] },
    ],
  },
  { number: 2, createdAt: "2026-11-17T10:00:00Z", updatedAt: "2026-11-18T10:00:00Z", mergedAt: "2026-11-18T10:00:00Z", closedAt: "2026-11-18T10:00:00Z", state: "MERGED" },
];

async function run(options: Partial<ReportCommandOptions>, env: NodeJS.ProcessEnv = { GITHUB_TOKEN: "ghp_test" }) {
  let stdout = "";
  let stderr = "";
  const code = await runReportCommand(
    { repo: "acme/api", format: "markdown", ...options },
    { env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), now: () => NOW },
  );
  return { code, stdout, stderr };
}

describe("foureyes report", () => {
  let gh: GitHubMock;
  beforeEach(() => {
    gh = mockGitHub();
  });
  afterEach(() => {
    gh.close();
  });

  it("prints the last complete week as markdown, read through GraphQL with the token", async () => {
    serveReportGraphql(gh, { "acme/api": PULLS });
    const { code, stdout, stderr } = await run({});
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain("# Review load: acme/api, 2026-W48");
    expect(stdout).toContain("| Posted | 2 | 0 |\n| With a reply | 1 | 0 |");
    const graphql = gh.requestsTo("POST", "/graphql");
    expect(graphql.length).toBeGreaterThan(0);
    expect(graphql[0]!.headers.authorization).toBe("token ghp_test");
    expect(gh.requests.every((request) => request.method === "GET" || request.pathname === "/graphql")).toBe(true);
  });

  it("prints JSON for a date range and compares it with the range before", async () => {
    serveReportGraphql(gh, { "acme/api": PULLS });
    const { code, stdout } = await run({ format: "json", since: "2026-11-23", until: "2026-11-29" });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      version: number;
      window: { label: string };
      previousWindow: { label: string };
      installation: { current: { merged: number; advisory: unknown }; previous: { merged: number } };
    };
    expect(report.window.label).toBe("2026-11-23..2026-11-29");
    expect(report.previousWindow.label).toBe("2026-11-16..2026-11-22");
    expect(report.installation.current.merged).toBe(1);
    expect(report.installation.previous.merged).toBe(1);
    expect(report.installation.current.advisory).toEqual({ posted: 2, replied: 1, reacted: 1, resolved: 1, engaged: 1, engagedShare: 0.5 });
  });

  it("prints CSV", async () => {
    serveReportGraphql(gh, { "acme/api": PULLS });
    const { code, stdout } = await run({ format: "csv" });
    expect(code).toBe(0);
    expect(stdout.split("\r\n")[0]).toBe("week,scope,repository,metric,unit,this_week,last_week,delta");
    expect(stdout).toContain("2026-W48,installation,acme/api,merged,count,1,1,0");
  });

  it("talks to GitHub Enterprise Server at GITHUB_API_URL", async () => {
    gh.close();
    // GHES serves REST under /api/v3 and GraphQL at /api/graphql.
    gh = mockGitHub({ baseUrl: "https://ghe.example.com/api" });
    serveReportGraphql(gh, { "acme/api": PULLS });
    const { code, stderr } = await run({ format: "json" }, { GITHUB_TOKEN: "t", GITHUB_API_URL: "https://ghe.example.com/api/v3" });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(gh.requestsTo("POST", "/graphql").length).toBeGreaterThan(0);
  });

  it.each([
    [{}, {}, /^foureyes report: GITHUB_TOKEN is not set/],
    [{ repo: "acme" }, undefined, /^foureyes report: --repo must look like owner\/name, got "acme"\n$/],
    [{ since: "2026-13-01" }, undefined, /^foureyes report: --since must be a date like 2026-11-02, got "2026-13-01"\n$/],
    [{ since: "2026-11-20", until: "2026-11-10" }, undefined, /^foureyes report: --until \(2026-11-10\) is before --since \(2026-11-20\)\n$/],
    [{ timezone: "Mars/Olympus" }, undefined, /^foureyes report: --timezone: timezone must be an IANA time zone name/],
  ] as [Partial<ReportCommandOptions>, NodeJS.ProcessEnv | undefined, RegExp][])("exits 2 with one line for %j", async (options, env, message) => {
    const { code, stdout, stderr } = await run(options, env);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(gh.requests).toEqual([]);
  });

  it("exits 2 when the repository is not there or the token is rejected", async () => {
    serveReportGraphql(gh, {});
    const missing = await run({ repo: "acme/gone" });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^foureyes report: GitHub found no repository acme\/gone/);

    gh.close();
    gh = mockGitHub();
    gh.on("POST", "/graphql", [401, { message: "Bad credentials" }]);
    const rejected = await run({});
    expect(rejected).toEqual({ code: 2, stdout: "", stderr: "foureyes report: GitHub rejected GITHUB_TOKEN (401 Bad credentials): check the token and that it has not expired\n" });
  });
});

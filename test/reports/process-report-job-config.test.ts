// The report job processor (GitHub mocked at the HTTP layer) against
// repositories whose `.github/foureyes.yml` has a typo or cannot be read: a
// typo costs only the misspelt key, so `people: aggregate` and
// `reports.enabled: false` hold; an unreadable file means no report on that
// repository until it is fixed, said in a warning log line.

import type { Job } from "bullmq";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createReportProcessor } from "../../src/reports/process-report-job.js";
import type { ReportJobResult } from "../../src/reports/report-job.js";
import { contentJson, createTestOctokit, type GitHubMock, mockGitHub } from "../helpers/github-mock.js";
import { type FakePull, serveReportGraphql } from "./io/graphql-github.js";

const NOW = new Date("2026-11-30T07:00:00+01:00");
const config = (repo: string) => `/repos/acme/${repo}/contents/${encodeURIComponent(".github/foureyes.yml")}`;
const repository = (name: string) => ({ id: name.length, name, full_name: `acme/${name}`, owner: { login: "acme" }, archived: false });
const APP = { id: 1, slug: "foureyes", login: "foureyes[bot]" };
const human = (login: string) => ({ login, __typename: "User" });

/** A pull request in the report week with a review by "carol-the-reviewer". */
const REVIEWED: FakePull = {
  number: 1,
  createdAt: "2026-11-24T09:00:00Z",
  updatedAt: "2026-11-24T12:00:00Z",
  author: human("dave-the-author"),
  reviews: [{ databaseId: 11, state: "APPROVED", submittedAt: "2026-11-24T12:00:00Z", author: human("carol-the-reviewer") }],
};

function job(): Job<unknown, ReportJobResult> {
  return { id: "report:7", data: { installationId: 7, account: "acme" }, attemptsMade: 0, opts: {} } as Job<unknown, ReportJobResult>;
}

describe("report worker: the repository's config file", () => {
  let gh: GitHubMock;
  let logLines: { msg: string; level: number; [key: string]: unknown }[];

  beforeEach(() => {
    gh = mockGitHub();
    logLines = [];
  });
  afterEach(() => gh.close());

  /** Runs one report job over the given repositories and their config texts; answers every read and write it may make. */
  async function reportWith(configs: Record<string, string>) {
    const names = Object.keys(configs);
    gh.on("GET", "/installation/repositories", [200, { total_count: names.length, repositories: names.map(repository) }]);
    for (const [name, text] of Object.entries(configs)) gh.on("GET", config(name), [200, contentJson(".github/foureyes.yml", text)]);
    serveReportGraphql(gh, Object.fromEntries(names.map((name) => [`acme/${name}`, [REVIEWED]])));
    const issues = names.map((name) => {
      gh.on("GET", `/repos/acme/${name}/issues`, [200, []], { times: Infinity });
      return gh.on("POST", `/repos/acme/${name}/issues`, (body) => [201, { number: 5, html_url: `https://github.com/acme/${name}/issues/5`, ...body }], { times: Infinity });
    });
    const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
    const octokit = createTestOctokit(gh);
    const deps = { getOctokit: async () => octokit, app: APP, logger, now: () => NOW };
    const result = await createReportProcessor(deps)(job());
    expect(gh.unmatched).toEqual([]);
    const bodies = Object.fromEntries(names.map((name, index) => [name, issues[index]!.calls.map((call) => (call.body as { body: string }).body)]));
    return { result, bodies };
  }

  it("keeps `people: aggregate` beside a misspelt key: no per-person rows, no names, no aliases", async () => {
    const { bodies } = await reportWith({ api: "reports:\n  people: aggregate\n  peeple: x\n" });
    expect(bodies.api).toHaveLength(1);
    const body = bodies.api![0]!;
    expect(body).toContain("People: aggregate figures only.");
    expect(body).not.toContain("carol-the-reviewer");
    expect(body).not.toContain("| Reviewer |");
    expect(body).toContain("Per-person rows are off");
    expect(logLines).toContainEqual(expect.objectContaining({ repo: "acme/api", problem: expect.stringContaining("reports.peeple: unknown key") }));
  });

  it("keeps `reports.enabled: false` beside an invalid report setting", async () => {
    const { result, bodies } = await reportWith({ api: "reports:\n  enabled: false\n  cron: daily\n" });
    expect(bodies.api).toEqual([]);
    expect(result).toEqual({ reports: [], skipped: 1 });
  });

  it("skips a repository whose file cannot be parsed, with a warning that says what to fix, and reports on the others", async () => {
    const { result, bodies } = await reportWith({ api: "reports:\n  people: aggregate\n  cron: [\n", web: "" });
    expect(bodies.api).toEqual([]);
    expect(bodies.web).toHaveLength(1);
    expect(result).toEqual({ reports: [{ target: "acme/web", issue: 5, action: "created", repos: 1 }], skipped: 1 });
    expect(logLines).toContainEqual(
      expect.objectContaining({ level: 40, repo: "acme/api", problem: expect.stringMatching(/YAML syntax error/), msg: expect.stringMatching(/no report .* until .* fixed/) }),
    );
  });
});

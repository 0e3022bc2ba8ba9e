// The weekly report runner end to end against the GitHub HTTP mock and a real
// Redis: backfill → metrics → one issue in the repository, updated in place on
// a rerun; the event record as the fallback when the backfill fails.

import { randomInt, randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../../queues/connection.js";
import { reportOptionsSchema } from "../../../src/config/report-options.js";
import { COMMENT_MARKER } from "../../../src/core/markers.js";
import { recordReportEvent } from "../../../src/reports/record/record-report-event.js";
import { runWeeklyReport, withJson } from "../../../src/reports/run-report.js";
import { APP_USER, TEST_APP } from "../../helpers/app-identity.js";
import { createTestOctokit, type GitHubMock, mockGitHub } from "../../helpers/github-mock.js";
import { webhookPayload } from "../../helpers/webhook-payloads.js";
import { type FakePull, type FakeThreadComment, serveReportGraphql } from "./graphql-github.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the examples' JSON, patched
type Payload = any;

const NOW = new Date("2026-11-30T07:00:00+01:00"); // Monday: the report covers 2026-W48
const ISSUES = "/repos/acme/api/issues";
const logger = pino({ level: "silent" });

const advisoryComment = (databaseId: number, createdAt: string, reactions = 0): FakeThreadComment => ({
  databaseId,
  body: `**suggestion** · tests\n\nNo test covers the empty list.\n\n${COMMENT_MARKER}`,
  createdAt,
  author: { login: "foureyes", __typename: "Bot" },
  reactions,
});

const PULLS: FakePull[] = [
  {
    number: 1,
    createdAt: "2026-11-24T09:00:00Z",
    updatedAt: "2026-11-25T12:00:00Z",
    mergedAt: "2026-11-25T12:00:00Z",
    closedAt: "2026-11-25T12:00:00Z",
    state: "MERGED",
    timeline: [{ type: "ReviewRequestedEvent", createdAt: "2026-11-24T09:05:00Z" }],
    reviews: [{ databaseId: 10, state: "APPROVED", submittedAt: "2026-11-24T15:00:00Z", author: { login: "ana", __typename: "User" }, comments: 2 }],
    threads: [
      { comments: [advisoryComment(71, "2026-11-24T09:10:00Z"), { databaseId: 72, body: "Added one.", createdAt: "2026-11-24T14:00:00Z", author: { login: "octocat", __typename: "User" } }] },
      { comments: [advisoryComment(73, "2026-11-24T09:10:00Z", 1)] },
      { isResolved: true, comments: [advisoryComment(74, "2026-11-24T09:10:00Z")] },
      { comments: [advisoryComment(75, "2026-11-24T09:10:00Z")] },
      { isResolved: true, comments: [{ databaseId: 76, body: "Nit: naming.", createdAt: "2026-11-24T15:00:00Z", author: { login: "ana", __typename: "User" }, reactions: 3 }] },
    ],
  },
  {
    number: 2,
    title: "Bump deps without anyone looking",
    createdAt: "2026-11-24T10:00:00Z",
    updatedAt: "2026-11-26T10:00:00Z",
    mergedAt: "2026-11-26T10:00:00Z",
    closedAt: "2026-11-26T10:00:00Z",
    state: "MERGED",
  },
  { number: 3, createdAt: "2026-11-02T10:00:00Z", updatedAt: "2026-11-02T10:00:00Z", state: "OPEN" },
];

function issueStore(gh: GitHubMock) {
  const issues: { number: number; title: string; body: string; html_url: string; user: typeof APP_USER }[] = [];
  gh.on("GET", ISSUES, () => [200, [...issues].reverse()], { times: Infinity });
  gh.on("POST", ISSUES, (body) => {
    const issue = { number: 100 + issues.length, title: body.title, body: body.body, html_url: `https://github.com/acme/api/issues/${100 + issues.length}`, user: APP_USER };
    issues.push(issue);
    return [201, issue];
  }, { times: Infinity });
  gh.on("PATCH", /^\/repos\/acme\/api\/issues\/\d+$/, (body, uri) => {
    const issue = issues.find((candidate) => uri.endsWith(`/${candidate.number}`))!;
    Object.assign(issue, body);
    return [200, issue];
  }, { times: Infinity });
  return issues;
}

describe("runWeeklyReport", () => {
  let gh: GitHubMock;
  let redis: Redis;
  const prefixes: string[] = [];

  beforeAll(async () => {
    redis = await connectRedis(inject("redisUrl"), { role: "producer" });
  });
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis.quit();
  });
  beforeEach(() => {
    gh = mockGitHub();
  });
  afterEach(() => {
    gh.close();
  });

  it("publishes one issue for the week and updates it on a rerun", async () => {
    serveReportGraphql(gh, { "acme/api": PULLS });
    const issues = issueStore(gh);
    const input = {
      octokit: createTestOctokit(gh),
      app: TEST_APP,
      installationId: 1,
      repos: ["acme/api"],
      options: reportOptionsSchema.parse({ people: "named" }),
      now: NOW,
      logger,
    };
    const first = await runWeeklyReport(input);
    expect(first.report.window.label).toBe("2026-W48");
    expect(first.report.installation.current).toMatchObject({ opened: 2, merged: 2 });
    expect(first.report.installation.current.mergedWithoutApproval.map((pull) => pull.number)).toEqual([2]);
    expect(first.report.installation.queue.map((pull) => pull.number)).toEqual([3]);
    // foureyes' own effect, from the review threads the backfill read.
    expect(first.report.installation.current.advisory).toEqual({ posted: 4, replied: 1, reacted: 1, resolved: 1, engaged: 3, engagedShare: 0.75 });
    expect(first.sources).toEqual({ "acme/api": "backfill" });
    expect(first.issue.action).toBe("created");
    expect(first.target).toBe("acme/api");

    const body = issues[0]!.body;
    expect(body.startsWith("<!-- foureyes:report=acme/api:2026-W48 -->")).toBe(true);
    expect(body).toContain("<details><summary>JSON for tooling</summary>");
    expect(body).toContain("| Posted | 4 | 0 |\n| With a reply | 1 | 0 |\n| With a reaction | 1 | 0 |\n| Thread resolved | 1 | 0 |\n| Any of these | 3 (75%) |");
    const json = JSON.parse(/```json\n([\s\S]*)\n```/.exec(body)![1]!) as { version: number; window: { label: string } };
    expect(json).toMatchObject({ version: 1, window: { label: "2026-W48" }, installation: { current: { advisory: { posted: 4, replied: 1, reacted: 1, resolved: 1 } } } });
    expect(issues[0]!.title).toBe("Review load: acme/api, 2026-W48");

    const second = await runWeeklyReport({ ...input, now: new Date(NOW.getTime() + 3_600_000) });
    expect(second.issue).toMatchObject({ action: expect.stringMatching(/updated|unchanged/), number: first.issue.number });
    expect(issues).toHaveLength(1);
  });

  it("counts a repository from the event record under the deployment's key prefix when the backfill fails", async () => {
    const installationId = randomInt(1_000_000, 2_000_000_000);
    const keyPrefix = `test-${randomUUID()}`;
    prefixes.push(keyPrefix);
    const payload = webhookPayload("pull_request", "opened", {
      installationId,
      patch: (body) => {
        (body.repository as Payload).full_name = "acme/api";
        const pr = body.pull_request as Payload;
        pr.number = 9;
        pr.created_at = "2026-11-25T08:00:00Z";
        pr.updated_at = "2026-11-25T08:00:00Z";
      },
    });
    await recordReportEvent(redis, { installationId, name: "pull_request", payload }, { now: NOW, keyPrefix });
    // The throttling plugin retries a rate-limited answer before giving up.
    gh.on("POST", "/graphql", [200, { data: null, errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] }], { times: Infinity });
    issueStore(gh);
    const warnings: unknown[] = [];
    const input = {
      octokit: createTestOctokit(gh),
      app: TEST_APP,
      redis,
      keyPrefix,
      installationId,
      repos: ["acme/api"],
      options: reportOptionsSchema.parse({}),
      now: NOW,
      logger: { info: () => {}, warn: (...args: unknown[]) => void warnings.push(args) },
    };
    const outcome = await runWeeklyReport(input);
    expect(outcome.sources).toEqual({ "acme/api": "record" });
    expect(outcome.report.installation.current.opened).toBe(1);
    expect(outcome.report.installation.current.advisory.posted).toBe(0);
    expect(warnings).toHaveLength(1);
    // Another deployment's prefix (here the default) does not see this record.
    const elsewhere = await runWeeklyReport({ ...input, keyPrefix: undefined });
    expect(elsewhere.report.installation.current.opened).toBe(0);
  });

  it("raises the backfill's error when there is no record to fall back on", async () => {
    gh.on("POST", "/graphql", [200, { data: null, errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }] }]);
    await expect(
      runWeeklyReport({ octokit: createTestOctokit(gh), app: TEST_APP, installationId: 1, repos: ["acme/api"], options: reportOptionsSchema.parse({}), now: NOW, logger }),
    ).rejects.toThrow(/Resource not accessible/);
    expect(gh.requestsTo("POST", ISSUES)).toEqual([]);
  });

  it("needs a target repository for a report over several repositories", async () => {
    await expect(
      runWeeklyReport({ octokit: createTestOctokit(gh), app: TEST_APP, installationId: 1, repos: ["acme/api", "acme/web"], options: reportOptionsSchema.parse({}), now: NOW, logger }),
    ).rejects.toThrow(/reports\.targetRepository/);
  });
});

describe("withJson", () => {
  it("fences the JSON with more backticks than any run inside, and leaves it out when too large", () => {
    const body = withJson("# R", '{"title": "use ```code```"}\n');
    expect(body).toContain('````json\n{"title": "use ```code```"}\n````');
    expect(withJson("x".repeat(60_000), "y".repeat(10_000))).toContain("too large for this issue");
  });
});

// The report job processor against the GitHub HTTP mock and a real Redis:
// lists the installation's repositories, reads each config, publishes one issue
// per reporting repository, skips disabled ones, follows the configured
// schedule; and a real BullMQ worker runs a scheduled job end to end.

import { randomUUID } from "node:crypto";

import { type Job, UnrecoverableError } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { reportOptionsSchema } from "../../src/config/report-options.js";
import { AdvisoryViolationError } from "../../src/github/errors.js";
import { groupByTarget } from "../../src/reports/group-reports-by-target.js";
import { createReportProcessor } from "../../src/reports/process-report-job.js";
import { recordReportEvent } from "../../src/reports/record/record-report-event.js";
import { REPORT_JOB_NAME, type ReportJobResult } from "../../src/reports/report-job.js";
import { createReportQueue, createReportWorker, type ReportQueue } from "../../src/reports/report-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { contentJson, createTestOctokit, type GitHubMock, mockGitHub, notFoundReply } from "../helpers/github-mock.js";
import { webhookPayload } from "../helpers/webhook-payloads.js";
import { serveReportGraphql } from "./io/graphql-github.js";

const NOW = new Date("2026-11-30T07:00:00+01:00");
const logger = pino({ level: "silent" });
const config = (repo: string) => `/repos/acme/${repo}/contents/${encodeURIComponent(".github/foureyes.yml")}`;
const repository = (name: string, archived = false) => ({ id: name.length, name, full_name: `acme/${name}`, owner: { login: "acme" }, archived });

function job(data: unknown): Job<unknown, ReportJobResult> {
  return { id: "report:7", data, attemptsMade: 0, opts: {} } as Job<unknown, ReportJobResult>;
}

describe("report worker", () => {
  let gh: GitHubMock;
  let redis: Redis;
  let queue: ReportQueue;

  beforeEach(async () => {
    gh = mockGitHub();
    redis = await connectRedis(inject("redisUrl"), { role: "worker" });
    queue = createReportQueue(redis, { prefix: `test-${randomUUID()}` });
  });

  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await redis.quit();
    gh.close();
  });

  it("publishes one issue per reporting repository and skips disabled and archived ones", async () => {
    gh.on("GET", "/installation/repositories", [200, { total_count: 3, repositories: [repository("api"), repository("off"), repository("old", true)] }]);
    gh.on("GET", config("api"), notFoundReply());
    gh.on("GET", config("off"), [200, contentJson(".github/foureyes.yml", "reports:\n  enabled: false\n")]);
    serveReportGraphql(gh, { "acme/api": [{ number: 1, createdAt: "2026-11-24T09:00:00Z", updatedAt: "2026-11-24T09:00:00Z" }] });
    gh.on("GET", "/repos/acme/api/issues", [200, []]);
    gh.on("POST", "/repos/acme/api/issues", (body) => [201, { number: 5, html_url: "https://github.com/acme/api/issues/5", ...body }]);

    const octokit = createTestOctokit(gh);
    const process = createReportProcessor({ app: TEST_APP, getOctokit: async () => octokit, redis, queue, logger, now: () => NOW });
    const result = await process(job({ installationId: 7, account: "acme" }));
    expect(result).toEqual({ reports: [{ target: "acme/api", issue: 5, action: "created", repos: 1 }], skipped: 1 });
    expect(gh.requestsTo("GET", config("old"))).toEqual([]);
    gh.assertDone();
    // Two repositories and no acme/.github: the defaults.
    expect(await queue.getJobSchedulers()).toEqual([expect.objectContaining({ key: "report:7", pattern: "0 7 * * 1", tz: "Europe/Berlin" })]);
  });

  it("moves the schedule to the one repository's configured cron and time zone", async () => {
    gh.on("GET", "/installation/repositories", [200, { total_count: 1, repositories: [repository("api")] }]);
    gh.on("GET", config("api"), [200, contentJson(".github/foureyes.yml", 'reports:\n  cron: "0 9 * * 2"\n  timezone: UTC\n  weekStartsOn: 2\n')]);
    serveReportGraphql(gh, { "acme/api": [] });
    gh.on("GET", "/repos/acme/api/issues", [200, []]);
    gh.on("POST", "/repos/acme/api/issues", (body) => [201, { number: 6, html_url: "https://github.com/acme/api/issues/6", ...body }]);

    const octokit = createTestOctokit(gh);
    await createReportProcessor({ app: TEST_APP, getOctokit: async () => octokit, queue, logger, now: () => NOW })(job({ installationId: 7 }));
    expect(await queue.getJobSchedulers()).toEqual([expect.objectContaining({ key: "report:7", pattern: "0 9 * * 2", tz: "UTC" })]);
    // Weeks start on Tuesday: the last complete one before Monday 30 Nov is 17–23 Nov, labelled by its Friday's ISO week.
    const [created] = gh.requestsTo("POST", "/repos/acme/api/issues");
    expect((created!.body as { title: string }).title).toBe("Review load: acme/api, 2026-W47");
  });

  it("fails a job with invalid data without retrying", async () => {
    const process = createReportProcessor({ app: TEST_APP, getOctokit: async () => createTestOctokit(gh), logger });
    await expect(process(job({ installationId: "seven" }))).rejects.toThrow(/invalid report job data: installationId/);
  });

  it("counts from the event record under the deployment's key prefix when the backfill fails", async () => {
    // The worker reads the record with FOUREYES_QUEUE_PREFIX, as the web process wrote it; here the queue's test prefix.
    const keyPrefix = queue.opts.prefix as string;
    const installationId = 7;
    const payload = webhookPayload("pull_request", "opened", {
      installationId,
      patch: (body) => {
        (body.repository as { full_name: string }).full_name = "acme/api";
        Object.assign(body.pull_request as object, { number: 9, created_at: "2026-11-25T08:00:00Z", updated_at: "2026-11-25T08:00:00Z" });
      },
    });
    await recordReportEvent(redis, { installationId, name: "pull_request", payload }, { now: NOW, keyPrefix });
    await recordReportEvent(redis, { installationId, name: "pull_request", payload }, { now: NOW }); // another deployment's (the default prefix)
    gh.on("GET", "/installation/repositories", [200, { total_count: 1, repositories: [repository("api")] }], { times: 2 });
    gh.on("GET", config("api"), notFoundReply(), { times: 2 });
    gh.on("POST", "/graphql", [200, { data: null, errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] }], { times: Infinity });
    gh.on("GET", "/repos/acme/api/issues", [200, []], { times: 2 });
    gh.on("POST", "/repos/acme/api/issues", (body) => [201, { number: 9, html_url: "https://github.com/acme/api/issues/9", ...body }], { times: 2 });

    const octokit = createTestOctokit(gh);
    try {
      await createReportProcessor({ app: TEST_APP, getOctokit: async () => octokit, redis, keyPrefix, logger, now: () => NOW })(job({ installationId }));
      await createReportProcessor({ app: TEST_APP, getOctokit: async () => octokit, redis, keyPrefix: `${keyPrefix}-other`, logger, now: () => NOW })(job({ installationId }));
      const [ours, other] = gh.requestsTo("POST", "/repos/acme/api/issues").map((call) => (call.body as { body: string }).body);
      expect(ours).toMatch(/"opened": 1,/);
      expect(other).toMatch(/"opened": 0,/);
      expect(other).not.toMatch(/"opened": 1,/);
    } finally {
      for (const prefix of [keyPrefix, "foureyes"]) {
        const keys = await redis.keys(`${prefix}:report:${installationId}:*`);
        if (keys.length > 0) await redis.del(...keys);
      }
    }
  });

  it("runs a job from the queue on a real worker", async () => {
    gh.on("GET", "/installation/repositories", [200, { total_count: 1, repositories: [repository("api")] }]);
    gh.on("GET", config("api"), notFoundReply());
    serveReportGraphql(gh, { "acme/api": [] });
    gh.on("GET", "/repos/acme/api/issues", [200, []]);
    gh.on("POST", "/repos/acme/api/issues", (body) => [201, { number: 8, html_url: "https://github.com/acme/api/issues/8", ...body }]);

    const octokit = createTestOctokit(gh);
    const worker = createReportWorker(redis.duplicate(), createReportProcessor({ app: TEST_APP, getOctokit: async () => octokit, logger, now: () => NOW }), {
      prefix: queue.opts.prefix,
      logger,
    });
    try {
      const done = new Promise<ReportJobResult>((resolve, reject) => {
        worker.on("completed", (_job, result) => resolve(result));
        worker.on("failed", (_job, error) => reject(error));
      });
      await queue.add(REPORT_JOB_NAME, { installationId: 7 });
      expect(await done).toEqual({ reports: [{ target: "acme/api", issue: 8, action: "created", repos: 1 }], skipped: 0 });
    } finally {
      await worker.close();
    }
  });
});

describe("report processor: a write the advisory guard refuses", () => {
  it("is a bug: the job fails without retries (UnrecoverableError) and the log asks for a report", async () => {
    const gh = mockGitHub();
    try {
      gh.on("GET", "/installation/repositories", [200, { total_count: 1, repositories: [repository("api")] }]);
      gh.on("GET", config("api"), notFoundReply());
      serveReportGraphql(gh, { "acme/api": [] });
      gh.on("GET", "/repos/acme/api/issues", [200, []], { times: Infinity });
      const octokit = createTestOctokit(gh);
      // As if a bug built an issue write the guard must refuse (it throws before anything is sent).
      octokit.hook.before("request", (options) => {
        if (options.method === "POST" && String(options.url).endsWith("/issues")) throw new AdvisoryViolationError("Refused to send a non-advisory request to GitHub: test");
      });
      const lines: { msg: string; level: number }[] = [];
      const log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });

      const run = createReportProcessor({ app: TEST_APP, getOctokit: async () => octokit, logger: log, now: () => NOW })(job({ installationId: 7 }));
      await expect(run).rejects.toBeInstanceOf(UnrecoverableError);
      expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringMatching(/bug in foureyes.*report/i) }));
      expect(gh.requestsTo("POST", "/repos/acme/api/issues")).toEqual([]);
    } finally {
      gh.close();
    }
  });
});

describe("groupByTarget", () => {
  it("gives each repository its own issue unless they name the same target with the same settings", () => {
    const own = reportOptionsSchema.parse({});
    const shared = reportOptionsSchema.parse({ targetRepository: "acme/reports" });
    const sharedNamed = reportOptionsSchema.parse({ targetRepository: "acme/reports", people: "named" });
    const groups = groupByTarget([
      ["acme/web", shared],
      ["acme/api", own],
      ["acme/app", shared],
      ["acme/hr", sharedNamed],
    ]);
    expect(groups.map((group) => [group.target, group.repos])).toEqual([
      ["acme/api", ["acme/api"]],
      ["acme/reports", ["acme/app", "acme/web"]],
      ["acme/reports", ["acme/hr"]],
    ]);
  });
});

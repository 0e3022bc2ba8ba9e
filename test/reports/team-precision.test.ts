// The weekly report's "what your team made of foureyes' comments" section:
// signals recorded through the learning store's own API, for two
// repositories, show up per repository in the rendered report, never per
// person; signals outside the week do not count.

import { randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { reportOptionsSchema } from "../../src/config/report-options.js";
import { GITHUB_BODY_MAX_CHARS } from "../../src/core/text-limits.js";
import { createLearningStore, type TeamSignal } from "../../src/learning/learning-store.js";
import { computeReviewLoad } from "../../src/reports/compute-review-load.js";
import { renderReportCsv } from "../../src/reports/render-report-csv.js";
import { renderReportJson } from "../../src/reports/render-report-json.js";
import { renderReportMarkdown } from "../../src/reports/render-report-markdown.js";
import { readTeamPrecision } from "../../src/reports/team-precision.js";
import type { AdvisoryCommentRecord } from "../../src/reports/types.js";
import { previousWeek, weekWindow } from "../../src/reports/week-window.js";
import { syntheticRecords } from "../fixtures/reports/synthetic-records.js";
import { judgeRenderedMarkdown } from "../helpers/judge-rendered-markdown.js";

const NOW = new Date("2026-11-30T07:00:00+01:00");
const WINDOW = weekWindow(NOW, "Europe/Berlin");
const IN_WEEK = "2026-11-25T10:00:00.000Z";
const BEFORE = "2026-11-10T10:00:00.000Z";

let redis: Redis;
beforeAll(async () => {
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
});
afterAll(async () => {
  await redis.quit();
});

function signal(commentId: number, more: Partial<TeamSignal>): TeamSignal {
  return { commentId, pull: 1, fingerprint: `fp${commentId}`, kind: "function", rule: "-", text: "finding", thumbsUp: 0, thumbsDown: 0, at: IN_WEEK, ...more };
}

function posted(repo: string, count: number): AdvisoryCommentRecord[] {
  return Array.from({ length: count }, (_, index) => ({ repo, number: 1, commentId: `${repo}#${index}`, postedAt: IN_WEEK, replied: false, reacted: false, resolved: false }));
}

function reportWith(pulls = syntheticRecords({ pulls: 20, reviews: 1, repos: 2, from: new Date("2026-11-20T00:00:00Z"), to: new Date("2026-11-28T00:00:00Z") }).pulls) {
  return computeReviewLoad({
    scope: "acme",
    pulls,
    advisory: [],
    window: WINDOW,
    previousWindow: previousWeek(WINDOW),
    options: reportOptionsSchema.parse({ people: "pseudonymous" }),
    now: NOW,
  });
}

describe("team precision in the weekly report", () => {
  it("shows per repository: posted, 👍, 👎, resolved after a change, dismissed (resolved unchanged, 👎 or a dismissing reply) and the share acted on", async () => {
    const store = createLearningStore(redis, `t-${randomUUID()}`);
    const api = { installationId: 7, owner: "acme", repo: "api" };
    const web = { installationId: 7, owner: "acme", repo: "web" };
    await store.record(api, signal(1, { thumbsUp: 2 }));
    await store.record(api, signal(2, { resolved: "after-change" }));
    await store.record(api, signal(3, { thumbsDown: 1 }));
    await store.record(api, signal(4, { thumbsDown: 1, at: BEFORE })); // last week's news
    await store.record(web, signal(5, { resolved: "unchanged" }));
    await store.record(web, signal(6, { resolved: "after-change", thumbsUp: 1 }));
    await store.record(web, signal(7, { resolved: "after-change" }));
    await store.record(web, signal(9, { dismissedByReply: true })); // "won't fix" in a reply
    await store.record({ ...web, installationId: 8 }, signal(8, { thumbsDown: 5 })); // another installation

    const report = reportWith();
    report.precision = await readTeamPrecision({ store, installationId: 7, repos: ["acme/web", "acme/api", "acme/quiet"], window: WINDOW, advisory: [...posted("acme/api", 4), ...posted("acme/web", 3)] });
    const markdown = renderReportMarkdown(report);

    // The section as a reader meets it (the rest of the report has its own HTML and tests).
    const start = markdown.indexOf("## What your team");
    const end = markdown.indexOf("\n## ", start);
    const section = markdown.slice(start, end === -1 ? undefined : end);
    expect(judgeRenderedMarkdown(section)).toEqual([]);
    expect(markdown).toContain("## What your team made of foureyes' comments");
    expect(markdown).toContain("| acme/api | 4 | 2 | 1 | 1 | 1 | 50% |");
    expect(markdown).toContain("| acme/web | 3 | 1 | 0 | 2 | 2 | 50% |");
    expect(markdown).not.toContain("| acme/quiet |");
    expect(JSON.parse(renderReportJson(report)).precision).toHaveLength(3);
    expect(renderReportCsv(report)).toContain("2026-W48,repository,acme/web,teamResolvedAfterChange,count,2,,");
  });

  it("says so in one line when nothing was posted or recorded this week", async () => {
    const store = createLearningStore(redis, `t-${randomUUID()}`);
    const report = reportWith();
    report.precision = await readTeamPrecision({ store, installationId: 7, repos: ["acme/api"], window: WINDOW, advisory: [] });
    expect(renderReportMarkdown(report)).toContain("**What your team made of foureyes' comments:** no comments posted");
  });

  it("keeps a 300-repository report under GitHub's body limit", () => {
    const report = reportWith(syntheticRecords({ pulls: 2_000, reviews: 1, repos: 300, from: new Date("2026-09-01T00:00:00Z"), to: new Date("2026-11-28T00:00:00Z") }).pulls);
    report.precision = Array.from({ length: 300 }, (_, index) => ({ repo: `acme/repository-${index}`, posted: 40, thumbsUp: 9, thumbsDown: 3, actedOn: 12, dismissed: 4, actedOnShare: 0.75 }));
    expect(renderReportMarkdown(report).length).toBeLessThanOrEqual(GITHUB_BODY_MAX_CHARS);
  });
});

// Missed webhooks: the sweep's "redeliver" job lists the app's deliveries since
// its last run (GitHub's cursor pagination, app-authenticated) and asks GitHub
// to redeliver each failed one, once; deliveries that reached foureyes on some
// attempt are left alone. Real Redis remembers what was redelivered; GitHub is
// mocked at HTTP.

import { randomUUID } from "node:crypto";

import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createLogger } from "../../src/core/logger.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { createSweepProcessor } from "../../src/sweep/process-sweep-job.js";
import type { SweepJobResult } from "../../src/sweep/sweep-job.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { createTestOctokit, type GitHubMock, mockGitHub } from "../helpers/github-mock.js";

const NOW = new Date("2026-11-30T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

let gh: GitHubMock;
let redis: Redis;
let reviewQueue: ReviewQueue;
let prefix: string;

beforeEach(async () => {
  gh = mockGitHub();
  prefix = `test-${randomUUID()}`;
  redis = await connectRedis(inject("redisUrl"), { role: "worker" });
  reviewQueue = createReviewQueue(redis, { prefix, attempts: 1, backoffMs: 1 });
});

afterEach(async () => {
  gh.close();
  await reviewQueue.obliterate({ force: true });
  await reviewQueue.close();
  await redis.quit();
});

function delivery(id: number, guid: string, minutes: number, statusCode: number, redelivery = false) {
  const ok = statusCode >= 200 && statusCode < 300;
  return {
    id,
    guid,
    delivered_at: minutesAgo(minutes),
    redelivery,
    duration: 0.1,
    status: ok ? "OK" : statusCode === 0 ? "timed out" : "Bad Gateway",
    status_code: statusCode,
    event: "pull_request",
    action: "opened",
    installation_id: 4242,
    repository_id: 1,
    throttled_at: null,
  };
}

function runRedeliver(now = NOW): Promise<SweepJobResult> {
  const octokit = createTestOctokit(gh);
  const process = createSweepProcessor({
    getAppOctokit: async () => octokit,
    getOctokit: async () => octokit,
    app: TEST_APP,
    reviewQueue,
    redis,
    keyPrefix: prefix,
    logger: createLogger("silent"),
    now: () => now,
  });
  return process({ id: "sweep-1", data: { kind: "redeliver" } } as Job<unknown, SweepJobResult>);
}

const redeliveries = () => gh.requestsTo("POST", /^\/app\/hook\/deliveries\/\d+\/attempts$/).map((request) => Number(request.pathname.split("/")[4]));

describe("redelivering missed webhooks", () => {
  it("redelivers each failed delivery once, follows the cursor, and leaves delivered ones alone", async () => {
    const cursorPage = "https://api.github.com/app/hook/deliveries?per_page=100&cursor=v1_2";
    gh.on("GET", "/app/hook/deliveries?per_page=100", [
      200,
      [
        delivery(14, "guid-b", 5, 200, true), // a redelivery that arrived: guid-b is done
        delivery(13, "guid-d", 10, 0), // no answer at all (web down)
        delivery(12, "guid-c", 20, 200),
      ],
      { link: `<${cursorPage}>; rel="next"` },
    ]);
    gh.on("GET", "/app/hook/deliveries?per_page=100&cursor=v1_2", [200, [delivery(11, "guid-b", 30, 503), delivery(10, "guid-a", 40, 502)]]);
    gh.on("POST", /^\/app\/hook\/deliveries\/\d+\/attempts$/, [202, {}], { times: 2 });

    expect(await runRedeliver()).toEqual({ kind: "redeliver", failedSeen: 2, redelivered: 2, leftForNextRun: 0 });
    expect(redeliveries()).toEqual([10, 13]);
    // Nothing but the redeliveries was written, and with no body.
    expect(gh.requests.filter((request) => request.method !== "GET").map((request) => request.body ?? null)).toEqual([null, null]);
    gh.assertDone();
  });

  it("asks once per failed attempt: the next run skips it, and redelivers a redelivery that failed again", async () => {
    gh.on("GET", "/app/hook/deliveries?per_page=100", [200, [delivery(10, "guid-a", 40, 502)]]);
    gh.on("POST", "/app/hook/deliveries/10/attempts", [202, {}]);
    await runRedeliver();

    // Ten minutes later GitHub still lists the failed attempt, and the redelivery failed too (the web process is still down).
    const later = new Date(NOW.getTime() + 10 * 60_000);
    gh.on("GET", "/app/hook/deliveries?per_page=100", [200, [delivery(11, "guid-a", 5, 0, true), delivery(10, "guid-a", 40, 502)]]);
    gh.on("POST", "/app/hook/deliveries/11/attempts", [202, {}]);
    expect(await runRedeliver(later)).toMatchObject({ redelivered: 1 });

    // And again: both attempts asked for already, nothing more.
    gh.on("GET", "/app/hook/deliveries?per_page=100", [200, [delivery(11, "guid-a", 5, 0, true), delivery(10, "guid-a", 40, 502)]]);
    expect(await runRedeliver(new Date(later.getTime() + 60_000))).toMatchObject({ redelivered: 0 });
    expect(redeliveries()).toEqual([10, 11]);
    gh.assertDone();
  });

  it("stops listing at the last run (less a few minutes), and looks back a day on the first run", async () => {
    gh.on("GET", "/app/hook/deliveries?per_page=100", [
      200,
      [delivery(12, "guid-new", 6, 502), delivery(11, "guid-day", 23 * 60, 502), delivery(10, "guid-old", 25 * 60, 502)],
    ]);
    gh.on("POST", /^\/app\/hook\/deliveries\/\d+\/attempts$/, [202, {}], { times: 2 });
    expect(await runRedeliver()).toMatchObject({ failedSeen: 2, redelivered: 2 });
    expect(redeliveries()).toEqual([11, 12]);

    // One interval later: only what happened since (and the few minutes of overlap) is looked at.
    const later = new Date(NOW.getTime() + 10 * 60_000);
    gh.on("GET", "/app/hook/deliveries?per_page=100", [200, [delivery(13, "guid-newer", -7, 502), delivery(12, "guid-new", 6, 502), delivery(11, "guid-day", 23 * 60, 502)]]);
    gh.on("POST", "/app/hook/deliveries/13/attempts", [202, {}]);
    expect(await runRedeliver(later)).toMatchObject({ failedSeen: 1, redelivered: 1 });
    gh.assertDone();
  });

  it("tries again next run when GitHub answered 5xx, but not when it refused the delivery", async () => {
    gh.on("GET", "/app/hook/deliveries?per_page=100", [200, [delivery(11, "guid-b", 10, 502), delivery(10, "guid-a", 20, 502)]]);
    gh.on("POST", "/app/hook/deliveries/10/attempts", [422, { message: "Delivery too old" }]);
    let githubDown = true;
    const attempts = gh.on("POST", "/app/hook/deliveries/11/attempts", () => (githubDown ? [500, { message: "Server Error" }] : [202, {}]), { times: Infinity });
    expect(await runRedeliver()).toMatchObject({ redelivered: 0, leftForNextRun: 1 });

    githubDown = false;
    const before = attempts.calls.length;
    gh.on("GET", "/app/hook/deliveries?per_page=100", [200, [delivery(11, "guid-b", 10, 502), delivery(10, "guid-a", 20, 502)]]);
    expect(await runRedeliver(new Date(NOW.getTime() + 60_000))).toMatchObject({ redelivered: 1, leftForNextRun: 0 });
    expect(attempts.calls.length - before).toBe(1);
    expect(redeliveries().filter((id) => id === 10)).toHaveLength(1);
  });
});

// A review that is ready while the installation's content budget is spent:
// the worker (in-process, real Redis, GitHub mocked at HTTP) says so in a
// neutral check run before the review waits, posts the review once when the
// budget has room, and then says it was posted.

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { contentBudgetSchema } from "../../src/config/content-budget.js";
import { createWritePace } from "../../src/github/create-write-pace.js";
import type { GitHubClient } from "../../src/github/octokit.js";
import { paceGitHubWrites } from "../../src/github/pace-github-writes.js";
import { metricsRegistry } from "../../src/metrics/metrics-registry.js";
import { enqueueReview } from "../../src/review/review-queue.js";
import { checkRunReply, createTestOctokit } from "../helpers/github-mock.js";
import type { ModelServer } from "../helpers/model-server.js";
import { INSTALLATION, MODEL_ANSWER, OWNER, PR_PATH, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { answerPullRequestReads, openReviewWorkerRig, type ReviewWorkerRig } from "../helpers/review-worker-rig.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

let rig: ReviewWorkerRig;
let model: ModelServer;

beforeEach(async () => {
  rig = await openReviewWorkerRig(inject("redisUrl"));
  model = await rig.startModel({ content: MODEL_ANSWER });
});

afterEach(() => rig.close());

/** Content writes that waited longer than a tenth of a second, from /metrics as Prometheus reads it. */
async function waitedWrites(): Promise<number> {
  const series = 'foureyes_github_write_wait_seconds_bucket{le="0.1",kind="content"}';
  const total = 'foureyes_github_write_wait_seconds_count{kind="content"}';
  const lines = (await metricsRegistry.metrics()).split("\n");
  const value = (name: string) => Number(lines.find((line) => line.startsWith(`${name} `))?.split(" ")[1] ?? 0);
  return value(total) - value(series);
}

/** Review jobs put back on the queue for GitHub's pace, from /metrics. */
async function deferredJobs(): Promise<number> {
  const line = (await metricsRegistry.metrics()).split("\n").find((entry) => entry.startsWith('foureyes_jobs_total{queue="review",outcome="deferred"} '));
  return Number(line?.split(" ")[1] ?? 0);
}

describe("a review waiting for GitHub's pace", () => {
  it("is announced in the check run, posted once when the budget has room, then marked posted", { timeout: 30_000 }, async () => {
    const { gh, redis, prefix, queue } = rig;
    const order: string[] = [];
    answerPullRequestReads(gh);
    // Just before the review is posted, another worker spends the installation's budget of one review per two seconds.
    const pace = createWritePace(redis, { prefix, budget: contentBudgetSchema.parse("1/2s") });
    gh.on("GET", `${PR_PATH}/reviews`, async () => {
      order.push(`budget taken elsewhere: ${await pace.take(INSTALLATION, { createsContent: true })}`);
      return [200, []];
    });
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => {
      order.push("review");
      return [200, { id: 1, body: body.body }];
    });
    const checks = gh.on("POST", `/repos/${OWNER}/${REPO}/check-runs`, (body) => {
      order.push(`check: ${String(body.output.title)}`);
      return checkRunReply(body);
    }, { times: 2 });

    const octokit = paceGitHubWrites(createTestOctokit(gh), INSTALLATION, pace, { announceAfterMs: 0 });
    const waitedBefore = await waitedWrites();
    rig.startWorker({ octokit, logLevel: "silent" });

    const { jobId } = await enqueueReview(queue, reviewJob());
    expect(await waitForJobState(queue, jobId, ["completed", "failed"])).toBe("completed");

    expect(posted.calls).toHaveLength(1);
    expect(order).toEqual(["budget taken elsewhere: 0", "check: Advisory review ready: waiting for GitHub's pace", "review", "check: Advisory review posted"]);
    const waiting = checks.calls[0]?.body as { conclusion: string; output: { summary: string } };
    expect(waiting.conclusion).toBe("neutral");
    expect(waiting.output.summary).toMatch(/finished its advisory review of 111111111111 and posts it within a minute/);
    expect(await waitedWrites()).toBeGreaterThan(waitedBefore);
    gh.assertDone();
  });
});

describe("an installation whose GitHub budget is spent", () => {
  it("does not hold the worker while its review waits: another installation's review runs first, and its own runs once there is room", { timeout: 30_000 }, async () => {
    const { gh, redis, prefix, queue } = rig;
    const OTHER = INSTALLATION + 1;
    answerPullRequestReads(gh, { times: 2 });
    gh.on("GET", `${PR_PATH}/reviews`, [200, []], { times: Infinity });
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }], { times: 2 });
    const checks = gh.on("POST", `/repos/${OWNER}/${REPO}/check-runs`, (body) => checkRunReply(body), { times: Infinity });
    // The installation spent its budget of one review per three seconds a moment ago.
    const pace = createWritePace(redis, { prefix, budget: contentBudgetSchema.parse("1/3s") });
    expect(await pace.take(INSTALLATION, { createsContent: true })).toBe(0);
    const octokits = new Map([INSTALLATION, OTHER].map((id) => [id, paceGitHubWrites(createTestOctokit(gh), id, pace)]));
    rig.startWorker({ logLevel: "silent", deps: { getOctokit: async (id) => octokits.get(id) as GitHubClient, pace, paceDeferAfterMs: 500 } });
    const deferredBefore = await deferredJobs();

    const spent = (await enqueueReview(queue, reviewJob())).jobId;
    await expect.poll(async () => queue.getJobState(spent)).toBe("delayed");
    // One worker slot: a review asked for on another installation's pull request.
    const other = (await enqueueReview(queue, reviewJob({ installationId: OTHER, rerun: { commentId: 501, requestedBy: "octocat" } }))).jobId;
    expect(await waitForJobState(queue, other, ["completed", "failed"])).toBe("completed");
    expect(await waitForJobState(queue, spent, ["completed", "failed"])).toBe("completed");

    const [first, second] = await Promise.all([queue.getJob(other), queue.getJob(spent)]);
    expect(first?.finishedOn).toBeLessThan(second?.finishedOn ?? 0);
    expect(posted.calls).toHaveLength(2);
    expect(model.requests).toHaveLength(2);
    // Going back on the queue used no attempt, and is counted apart.
    expect(second?.attemptsMade).toBe(1);
    expect(await deferredJobs()).toBe(deferredBefore + 1);
    const bodies = checks.calls.map((call) => call.body as { head_sha: string; conclusion: string; output: { title: string; summary: string } });
    const queued = bodies.filter((body) => body.output.title === "Advisory review queued: waiting for GitHub's pace");
    expect(queued).toHaveLength(1);
    expect(queued[0]?.conclusion).toBe("neutral");
    expect(queued[0]?.output.summary).toMatch(/^foureyes reviews 111111111111 within a minute, once this installation may write to GitHub again/);
    expect(queued[0]?.output.summary).toContain("Nothing blocks this pull request");
    // Once posted, a later check run on the same commit says so, superseding the queued one.
    expect(bodies.map((body) => body.output.title).at(-1)).toBe("Advisory review posted");
    expect(gh.unmatched).toEqual([]);
  });
});

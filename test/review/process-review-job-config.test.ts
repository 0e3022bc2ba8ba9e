// The review worker in-process (real Redis, real BullMQ, GitHub mocked at the
// HTTP layer, a loopback model server) against a repository whose
// `.github/foureyes.yml` has a typo or cannot be read at all: the repository's
// opt-outs hold, and the neutral check run says what to fix.

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { checkRunReply, contentJson, type GitHubMock } from "../helpers/github-mock.js";
import type { ModelServer } from "../helpers/model-server.js";
import { MODEL_ANSWER, OWNER, PR_PATH, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { answerPullRequestReads, openReviewWorkerRig, type ReviewWorkerRig } from "../helpers/review-worker-rig.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const CHECK_RUNS = `/repos/${OWNER}/${REPO}/check-runs`;

let rig: ReviewWorkerRig;
let queue: ReviewQueue;
let gh: GitHubMock;
let model: ModelServer;

beforeEach(async () => {
  rig = await openReviewWorkerRig(inject("redisUrl"));
  ({ gh } = rig);
  queue = rig.openQueue({ attempts: 1 });
  model = await rig.startModel({ content: MODEL_ANSWER });
});

afterEach(() => rig.close());

/** Runs one review job against a repository whose config file says `configText`; answers every read and write it may make. */
async function reviewWithConfig(configText: string) {
  answerPullRequestReads(gh, { times: Infinity, config: [200, contentJson(".github/foureyes.yml", configText)] });
  gh.on("GET", `${PR_PATH}/reviews`, [200, []], { times: Infinity });
  const reviews = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }], { times: Infinity });
  const checkRuns = gh.on("POST", CHECK_RUNS, (body) => checkRunReply(body), { times: Infinity });

  rig.startWorker({ logLevel: "silent" });

  const { jobId } = await enqueueReview(queue, reviewJob());
  const job = await waitForJob(jobId);
  expect(gh.unmatched).toEqual([]);
  const checkRunBodies = checkRuns.calls.map((call) => call.body as { conclusion: string; output: { title: string; summary: string } });
  return { job, reviews: reviews.calls.map((call) => call.body as { event: string; body: string; comments: unknown[] }), checkRuns: checkRunBodies };
}

/** Polls the job until it has finished; the suite's timeout bounds the wait. */
async function waitForJob(jobId: string) {
  const state = await waitForJobState(queue, jobId);
  return { state, returnvalue: (await queue.getJob(jobId))?.returnvalue };
}

describe("review worker: the repository's config file", () => {
  it("keeps `enabled: false` although another key is misspelt: no review, no model call, no check run", async () => {
    const run = await reviewWithConfig("enabled: false\nmaxComents: 3\n");
    expect(run.reviews).toEqual([]);
    expect(model.requests).toEqual([]);
    expect(run.checkRuns).toEqual([]);
    expect(run.job).toEqual({ state: "completed", returnvalue: { status: "not-reviewed", reason: "disabled" } });
  });

  it("keeps `exclude` beside a typo, reviews with the rest, and names the typo in the body and a neutral check run", async () => {
    const run = await reviewWithConfig("exclude: [src/**]\nmaxComents: 3\n");
    expect(model.requests).toEqual([]); // the only changed file is excluded
    expect(run.reviews).toHaveLength(1);
    expect(run.reviews[0]).toMatchObject({ event: "COMMENT", comments: [] });
    expect(run.reviews[0]?.body).toContain("maxComents: unknown key (did you mean maxComments?)");
    expect(run.checkRuns).toEqual([
      expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ summary: expect.stringContaining("maxComents: unknown key") }) }),
    ]);
  });

  it("does not review while the file cannot be parsed, and a neutral check run says why and what to fix", async () => {
    const run = await reviewWithConfig("enabled: false\nexclude: [src/**\n");
    expect(run.reviews).toEqual([]);
    expect(model.requests).toEqual([]);
    expect(run.job).toEqual({ state: "completed", returnvalue: { status: "not-reviewed", reason: "config-halted" } });
    expect(run.checkRuns).toHaveLength(1);
    const [check] = run.checkRuns;
    expect(check?.conclusion).toBe("neutral");
    expect(check?.output.title).toMatch(/No advisory review.*\.github\/foureyes\.yml/);
    expect(check?.output.summary).toMatch(/YAML syntax error at line \d+/);
    expect(check?.output.summary).toMatch(/until the file on the default branch is fixed/);
  });
});

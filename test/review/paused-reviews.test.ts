// `/foureyes pause` through the review worker on a real Redis, GitHub mocked
// at the HTTP layer and the loopback model: an automatic review of a paused
// pull request is skipped with a neutral check run that says so (no model
// call, no review); a review asked for with a command still runs and its body
// says reviews are paused; after a resume, the next review says so once.

import { afterEach, beforeEach, expect, inject, it } from "vitest";

import { createPauseStore, type PauseStore } from "../../src/review/pause-store.js";
import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { checkRunReply, type GitHubMock } from "../helpers/github-mock.js";
import type { ModelServer } from "../helpers/model-server.js";
import { HEAD, INSTALLATION, MODEL_ANSWER, OWNER, PR_PATH, PULL, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { answerPullRequestReads, openReviewWorkerRig, type ReviewWorkerRig } from "../helpers/review-worker-rig.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const PULL_KEY = { installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL };

let rig: ReviewWorkerRig;
let queue: ReviewQueue;
let gh: GitHubMock;
let model: ModelServer;
let pauses: PauseStore;

beforeEach(async () => {
  rig = await openReviewWorkerRig(inject("redisUrl"));
  ({ gh } = rig);
  queue = rig.openQueue({ attempts: 1 });
  pauses = createPauseStore(rig.redis, rig.prefix);
  model = await rig.startModel({ content: MODEL_ANSWER });
  rig.startWorker({ logLevel: "silent", deps: { pauses } });
});

afterEach(() => rig.close());

function mockReview() {
  answerPullRequestReads(gh);
  // The sink (and an incremental review's scope) read the reviews.
  gh.on("GET", `${PR_PATH}/reviews`, [200, []], { times: Infinity });
  return gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }]);
}

async function run(data: ReturnType<typeof reviewJob>): Promise<unknown> {
  const { jobId } = await enqueueReview(queue, data);
  const state = await waitForJobState(queue, jobId);
  expect(state, (await queue.getJob(jobId))?.failedReason).toBe("completed");
  return (await queue.getJob(jobId))?.returnvalue;
}

it("an automatic review of a paused pull request is skipped with a neutral check run; a command's review still runs and says paused", async () => {
  await pauses.pause(PULL_KEY, "maria");
  const checkRuns = gh.on("POST", `/repos/${OWNER}/${REPO}/check-runs`, (body) => checkRunReply(body));

  expect(await run(reviewJob({ event: "pull_request.synchronize" }))).toEqual({ status: "skipped", reason: "paused" });
  const checkRun = checkRuns.calls[0]?.body as { conclusion: string; head_sha: string; output: { title: string; summary: string } };
  expect(checkRun.conclusion).toBe("neutral");
  expect(checkRun.head_sha).toBe(HEAD);
  expect(checkRun.output.title).toMatch(/paused/);
  expect(checkRun.output.summary).toContain("/foureyes resume");
  expect(model.requests).toEqual([]);

  const posted = mockReview();
  await run(reviewJob({ event: "issue_comment.created", rerun: { commentId: 77, requestedBy: "maria" } }));
  expect((posted.calls[0]?.body as { body: string }).body).toMatch(/Automatic reviews of this pull request are paused/);
  gh.assertDone();
});

it("after a resume the next review runs and says once that reviews were resumed", async () => {
  await pauses.pause(PULL_KEY, "maria");
  await pauses.resume(PULL_KEY, "maria");

  const first = mockReview();
  await run(reviewJob());
  expect((first.calls[0]?.body as { body: string }).body).toMatch(/paused and have been resumed/);
  expect(await pauses.takeNote(PULL_KEY)).toBeNull();
  gh.assertDone();
});

// The review worker in-process on a real Redis, with GitHub mocked at the HTTP
// layer and a loopback model server: a job becomes exactly one COMMENT review;
// a stale head is dropped; a model outage retries with a neutral check run; a
// rerun asked for in a comment posts once more, once.

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { COMMENT_MARKER, rerunMarker } from "../../src/core/markers.js";
import type { ReviewJobResult } from "../../src/review/review-job.js";
import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { APP_USER } from "../helpers/app-identity.js";
import { checkRunReply, type GitHubMock, pullRequestJson } from "../helpers/github-mock.js";
import type { ModelServer } from "../helpers/model-server.js";
import { FILE_PATH, HEAD, headMarker, MODEL_ANSWER, NEWER_HEAD, OWNER, PR_PATH, PULL, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { answerPullRequestReads, openReviewWorkerRig, type ReviewWorkerRig } from "../helpers/review-worker-rig.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

let rig: ReviewWorkerRig;
let queue: ReviewQueue;
let gh: GitHubMock;
let model: ModelServer;

beforeEach(async () => {
  rig = await openReviewWorkerRig(inject("redisUrl"));
  gh = rig.gh;
  model = await rig.startModel({ content: MODEL_ANSWER });
});

afterEach(() => rig.close());

function startWorker(): void {
  rig.startWorker({ modelConcurrency: 2 });
}

/** Polls the job until it reaches one of `states`; the suite's timeout bounds the wait. */
async function waitForJob(jobId: string, states: string[]): Promise<string> {
  return waitForJobState(queue, jobId, states);
}

describe("review worker", () => {
  it("turns a job into exactly one COMMENT review on the head commit", async () => {
    queue = rig.openQueue({ attempts: 3 });
    answerPullRequestReads(gh);
    gh.on("GET", `${PR_PATH}/reviews`, [200, []]);
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }]);

    const { jobId } = await enqueueReview(queue, reviewJob());
    startWorker();
    expect(await waitForJob(jobId, ["completed", "failed"])).toBe("completed");

    expect(posted.calls).toHaveLength(1);
    const review = posted.calls[0]?.body as { event: string; commit_id: string; body: string; comments: { path: string; line: number }[] };
    expect(review.event).toBe("COMMENT");
    expect(review.commit_id).toBe(HEAD);
    expect(review.body).toContain(headMarker(HEAD));
    expect(review.comments).toEqual([expect.objectContaining({ path: FILE_PATH, line: 2 })]);
    expect(model.requests.length).toBeGreaterThan(0);
    expect((await queue.getJob(jobId))?.returnvalue).toEqual({ status: "published", comments: 1 } satisfies ReviewJobResult);
    gh.assertDone();
  });

  it("keeps a finding although the author typed it, with foureyes' comment marker, on that line first", async () => {
    queue = rig.openQueue({ attempts: 3 });
    const finding = (JSON.parse(MODEL_ANSWER) as { comments: { body: string }[] }).comments[0]!.body;
    const forged = { id: 5, path: FILE_PATH, line: 2, original_line: 2, body: `**Major** · bug\n\n${finding}\n\n${COMMENT_MARKER}`, user: { login: "octocat", type: "User" } };
    answerPullRequestReads(gh, { comments: [forged] });
    gh.on("GET", `${PR_PATH}/reviews`, [200, []]);
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }]);

    const { jobId } = await enqueueReview(queue, reviewJob());
    startWorker();
    expect(await waitForJob(jobId, ["completed", "failed"])).toBe("completed");

    const review = posted.calls[0]?.body as { comments: { path: string; line: number }[] };
    expect(review.comments).toEqual([expect.objectContaining({ path: FILE_PATH, line: 2 })]);
    gh.assertDone();
  });

  it("drops a job whose head moved: no model call, no review, job completed, a log line", async () => {
    queue = rig.openQueue({ attempts: 3 });
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: NEWER_HEAD })]);

    const { jobId } = await enqueueReview(queue, reviewJob());
    startWorker();
    expect(await waitForJob(jobId, ["completed", "failed"])).toBe("completed");

    const job = await queue.getJob(jobId);
    expect(job?.returnvalue).toEqual({ status: "dropped", reason: "head-moved" });
    expect(job?.attemptsMade).toBe(1); // one attempt, not retried
    expect(gh.requestsTo("POST", /./)).toEqual([]);
    expect(model.requests).toEqual([]);
    expect(rig.logLines()).toContainEqual(expect.objectContaining({ msg: "dropped: head moved", head: HEAD, currentHead: NEWER_HEAD }));
    gh.assertDone();
  });

  it("drops the review when the head moves while the model is thinking", async () => {
    queue = rig.openQueue({ attempts: 3 });
    answerPullRequestReads(gh, { prReads: 1 });
    // The check before posting sees the newer head.
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: NEWER_HEAD })]);

    const { jobId } = await enqueueReview(queue, reviewJob());
    startWorker();
    expect(await waitForJob(jobId, ["completed", "failed"])).toBe("completed");
    expect((await queue.getJob(jobId))?.returnvalue).toEqual({ status: "dropped", reason: "head-moved" });
    expect(gh.requestsTo("POST", /./)).toEqual([]);
    expect(rig.logLines().map((line) => line.msg)).toContain("dropped: head moved");
    gh.assertDone();
  });

  it("retries while the model is down, says so once in a neutral check run, and posts when it is back", async () => {
    queue = rig.openQueue({ attempts: 5 });
    model.reply((_body, call) => (call < 2 ? { status: 500 } : { content: MODEL_ANSWER }));
    answerPullRequestReads(gh, { times: Infinity });
    const checkRuns = gh.on("POST", `/repos/${OWNER}/${REPO}/check-runs`, (body) => checkRunReply(body), { times: Infinity });
    gh.on("GET", `${PR_PATH}/reviews`, [200, []]);
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }]);

    const { jobId } = await enqueueReview(queue, reviewJob());
    startWorker();
    expect(await waitForJob(jobId, ["completed", "failed"])).toBe("completed");

    const job = await queue.getJob(jobId);
    expect(job?.attemptsMade).toBe(3); // two failed attempts, the third posted
    expect(job?.returnvalue).toEqual({ status: "published", comments: 1 });
    expect(model.requests).toHaveLength(3);
    expect(checkRuns.calls).toHaveLength(2);
    expect(checkRuns.calls[0]?.body).toMatchObject({
      name: "foureyes",
      head_sha: HEAD,
      status: "completed",
      conclusion: "neutral",
      output: { title: expect.stringMatching(/delayed/) },
    });
    // Once posted, a newer neutral check run replaces the "delayed" one.
    expect(checkRuns.calls[1]?.body).toMatchObject({ name: "foureyes", conclusion: "neutral", output: { title: "Advisory review posted" } });
    expect(posted.calls).toHaveLength(1);
    expect(posted.calls[0]?.body).toMatchObject({ event: "COMMENT", commit_id: HEAD });
  });

  it("on the last attempt says in a neutral check run that the review is unavailable and why, then fails the job", async () => {
    queue = rig.openQueue({ attempts: 2 });
    model.reply({ status: 500 });
    answerPullRequestReads(gh, { times: 2, prReads: 2 }); // never gets as far as posting
    const checkRuns = gh.on("POST", `/repos/${OWNER}/${REPO}/check-runs`, (body) => checkRunReply(body), { times: 2 });

    const { jobId } = await enqueueReview(queue, reviewJob());
    startWorker();
    expect(await waitForJob(jobId, ["completed", "failed"])).toBe("failed");

    const job = await queue.getJob(jobId);
    expect(job?.attemptsMade).toBe(2);
    const titles = checkRuns.calls.map((call) => (call.body as { output: { title: string } }).output.title);
    expect(titles).toEqual([expect.stringMatching(/delayed/), expect.stringMatching(/unavailable/)]);
    const last = checkRuns.calls[1]?.body as { conclusion: string; output: { summary: string } };
    expect(last.conclusion).toBe("neutral");
    expect(last.output.summary).toMatch(/could not produce its advisory review.*after 2 attempt/);
    expect(last.output.summary).toMatch(/Last error: .*500/);
    expect(gh.requestsTo("POST", /\/reviews$/)).toEqual([]);
    gh.assertDone();
  });

  it("fails a job with invalid data at once, without retries or GitHub calls", async () => {
    queue = rig.openQueue({ attempts: 5 });
    const job = await queue.add("review-pull-request", { ...reviewJob(), headSha: "not-a-sha" } as never, { jobId: "bad-job" });
    startWorker();
    expect(await waitForJob(job.id ?? "", ["completed", "failed"])).toBe("failed");
    const failed = await queue.getJob("bad-job");
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/invalid review job data: headSha/);
    expect(gh.requests).toEqual([]);
  });
});

describe("review worker: a rerun asked for in a comment", () => {
  const COMMENT_ID = 777;
  const rerunJob = () => reviewJob({ event: "issue_comment.created", rerun: { commentId: COMMENT_ID, requestedBy: "maria" } });

  it("posts exactly one review with the rerun marker although the head has a review, and nothing when run again", async () => {
    queue = rig.openQueue({ attempts: 3 });
    const headReview = { id: 1, body: `### foureyes advisory review\n${headMarker(HEAD)}`, user: APP_USER };

    // First run: the head's own review is there; the rerun still posts, of the whole pull request (this head was the last reviewed).
    // The reviews are read twice: for the last reviewed head, and for the rerun's own marker before posting.
    answerPullRequestReads(gh);
    gh.on("GET", `${PR_PATH}/reviews`, [200, [headReview]], { times: 2 });
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 2, body: body.body }]);
    const first = await enqueueReview(queue, rerunJob());
    expect(first.jobId).toBe(`${OWNER}/${REPO}#${PULL}@${HEAD}/rerun-${COMMENT_ID}`);
    startWorker();
    expect(await waitForJob(first.jobId, ["completed", "failed"])).toBe("completed");
    expect(posted.calls).toHaveLength(1);
    const review = posted.calls[0]?.body as { event: string; commit_id: string; body: string };
    expect(review).toMatchObject({ event: "COMMENT", commit_id: HEAD });
    expect(review.body).toContain(rerunMarker(COMMENT_ID));
    expect(review.body).toContain("Re-review requested in a comment.");
    expect(review.body).toContain("Whole pull request.");
    expect(review.body).not.toContain("@maria");
    expect(rig.logLines()).toContainEqual(expect.objectContaining({ msg: "review job started", rerunOf: COMMENT_ID, requestedBy: "maria" }));
    gh.assertDone();

    // The same rerun job again (as after a crash between posting and acknowledging): its review is found, nothing posted.
    answerPullRequestReads(gh);
    gh.on("GET", `${PR_PATH}/reviews`, [200, [headReview, { id: 2, body: review.body, user: APP_USER }]], { times: 2 });
    await queue.remove(first.jobId);
    const again = await enqueueReview(queue, rerunJob());
    expect(again).toEqual({ status: "queued", jobId: first.jobId });
    expect(await waitForJob(again.jobId, ["completed", "failed"])).toBe("completed");
    expect(gh.requestsTo("POST", /./)).toHaveLength(1);
    expect(rig.logLines().map((line) => line.msg)).toContain("review for this rerun comment already posted; not posting again");
    gh.assertDone();
  });

  it("a rerun for a head that moved is dropped like any other", async () => {
    queue = rig.openQueue({ attempts: 3 });
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: NEWER_HEAD })]);
    const { jobId } = await enqueueReview(queue, rerunJob());
    startWorker();
    expect(await waitForJob(jobId, ["completed", "failed"])).toBe("completed");
    expect((await queue.getJob(jobId))?.returnvalue).toEqual({ status: "dropped", reason: "head-moved" });
    expect(gh.requestsTo("POST", /./)).toEqual([]);
    gh.assertDone();
  });
});

// The "review delayed / unavailable" check runs on a public repository say
// that the model server did not answer and that operators find the reason in
// the worker's log: no internal URL, no setting name, no raw server error.
// On a private repository (read by the organisation) they keep the reason.
// The review worker runs for real: Redis, BullMQ, GitHub mocked at HTTP, the
// loopback model server.

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { checkRunReply, type GitHubMock } from "../helpers/github-mock.js";
import type { ModelServer } from "../helpers/model-server.js";
import { OWNER, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { freePort } from "../helpers/redis-server.js";
import { answerPullRequestReads, openReviewWorkerRig, type ReviewWorkerRig } from "../helpers/review-worker-rig.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const INTERNAL_ERROR = "upstream http://10.0.0.5:8000/v1 refused: CUDA out of memory on gpu-node-7";
const PUBLIC_REASON = "operators find the reason in the worker's log";

let rig: ReviewWorkerRig;
let queue: ReviewQueue;
let gh: GitHubMock;
let model: ModelServer;
let logText: string[];

beforeEach(async () => {
  rig = await openReviewWorkerRig(inject("redisUrl"));
  ({ gh, logText } = rig);
  queue = rig.openQueue({ attempts: 2 });
  model = await rig.startModel({ status: 500, body: { error: { message: INTERNAL_ERROR, type: "server_error" } } });
});

afterEach(() => rig.close());

function startWorker(modelUrl: string): void {
  rig.startWorker({ modelUrl, logLevel: "info" });
}

async function waitForJob(jobId: string): Promise<string> {
  return waitForJobState(queue, jobId);
}

/** Two attempts that never get past the model; the repository is public or private. */
function mockTwoAttempts(visibility: "public" | "private"): void {
  answerPullRequestReads(gh, { times: 2, prReads: 2, visibility });
}

async function checkRunSummaries(modelUrl: string): Promise<string[]> {
  const checkRuns = gh.on("POST", `/repos/${OWNER}/${REPO}/check-runs`, (body) => checkRunReply(body), { times: 2 });
  const { jobId } = await enqueueReview(queue, reviewJob());
  startWorker(modelUrl);
  expect(await waitForJob(jobId)).toBe("failed");
  gh.assertDone();
  return checkRuns.calls.map((call) => {
    const { output } = call.body as { output: { title: string; summary: string } };
    return `${output.title}\n${output.summary}`;
  });
}

function expectNothingInternal(texts: string[], modelUrl: string): void {
  for (const text of texts) {
    expect(text).not.toContain(modelUrl);
    expect(text).not.toMatch(/127\.0\.0\.1|10\.0\.0\.5|FOUREYES_|HTTP 500|CUDA|ECONNREFUSED|connection refused/i);
    expect(text).toContain(PUBLIC_REASON);
  }
}

describe("check runs about a model outage", () => {
  it("on a public repository: no internal URL, setting name or server error; the log has them", async () => {
    mockTwoAttempts("public");
    const texts = await checkRunSummaries(model.url);
    expect(texts).toEqual([expect.stringMatching(/delayed/), expect.stringMatching(/unavailable/)]);
    expectNothingInternal(texts, model.url);
    expect(texts[0]).toContain("foureyes could not reach its model server for 111111111111: the model server did not answer; operators find");
    expect(logText.join("\n")).toContain("CUDA out of memory");
  });

  it("on a public repository whose model server refuses connections", async () => {
    const closedUrl = `http://127.0.0.1:${await freePort()}/v1`;
    mockTwoAttempts("public");
    const texts = await checkRunSummaries(closedUrl);
    expect(texts).toHaveLength(2);
    expectNothingInternal(texts, closedUrl);
    expect(logText.join("\n")).toMatch(/connection refused at http:\/\/127\.0\.0\.1:\d+\/v1.*FOUREYES_MODEL_URL/);
  });

  it("on a private repository the organisation reads the reason", async () => {
    mockTwoAttempts("private");
    const texts = await checkRunSummaries(model.url);
    expect(texts[0]).toContain(`model server at ${model.url} kept failing (HTTP 500`);
    expect(texts[0]).toContain(INTERNAL_ERROR);
    expect(texts[1]).toMatch(/Last error: .*HTTP 500/);
    expect(texts.join("\n")).not.toContain(PUBLIC_REASON);
  });
});

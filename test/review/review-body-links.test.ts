// The review body's focus list links each critical and major finding to its
// line in the pull request's "Files changed" view, on the host GitHub names
// for the pull request (a GitHub Enterprise host too): the real worker on a
// real Redis, GitHub mocked at the HTTP layer, the loopback model server.

import { createHash } from "node:crypto";

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import type { GitHubMock } from "../helpers/github-mock.js";
import { judgeRenderedMarkdown } from "../helpers/judge-rendered-markdown.js";
import { FILE_PATH, HEAD, headMarker, MODEL_ANSWER, OWNER, PR_PATH, PULL, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { answerPullRequestReads, openReviewWorkerRig, type ReviewWorkerRig } from "../helpers/review-worker-rig.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const ENTERPRISE_PULL = `https://ghe.bank.example/${OWNER}/${REPO}/pull/${PULL}`;

let rig: ReviewWorkerRig;
let queue: ReviewQueue;
let gh: GitHubMock;

beforeEach(async () => {
  rig = await openReviewWorkerRig(inject("redisUrl"));
  ({ gh } = rig);
  queue = rig.openQueue({ attempts: 1 });
  await rig.startModel({ content: MODEL_ANSWER });
  rig.startWorker({ logLevel: "silent" });
});

afterEach(() => rig.close());

describe("the posted review body", () => {
  it("links the major finding to its line under the pull request's own (GitHub Enterprise) address, with its title", async () => {
    answerPullRequestReads(gh, { pull: { htmlUrl: ENTERPRISE_PULL } });
    gh.on("GET", `${PR_PATH}/reviews`, [200, []]);
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }]);

    const { jobId } = await enqueueReview(queue, reviewJob());
    expect(await waitForJobState(queue, jobId, ["completed", "failed"])).toBe("completed");

    const review = posted.calls[0]?.body as { body: string; comments: { body: string }[] };
    const anchor = `${ENTERPRISE_PULL}/files#diff-${createHash("sha256").update(FILE_PATH).digest("hex")}R2`;
    expect(review.body).toContain(`- **Major** [\`${FILE_PATH}:2\`](<${anchor}>): \`add\` subtracts: \`a - b\` should be \`a + b\``);
    expect(review.body).not.toContain("https://github.com/");
    expect(review.comments[0]?.body).toMatch(/^\*\*Major\*\* · bug — \*\*`add` subtracts: `a - b` should be `a \+ b`\*\*\n/);
    expect(judgeRenderedMarkdown(review.body, { own: [headMarker(HEAD), "<sub>", "</sub>"] })).toEqual([]);
  });
});

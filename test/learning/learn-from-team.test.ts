// Learning from the team, through the review worker on a real Redis, GitHub
// mocked at the HTTP layer and the loopback model: a 👎 from someone on the
// team on a foureyes comment records its pattern for the repository, and a
// later pull request of that repository does not get the same finding (the
// review body counts what was left out). The pull request's author cannot
// silence findings that way, nor can someone without write access;
// `/foureyes forget` undoes it.

import { afterEach, beforeEach, expect, inject, it } from "vitest";

import { collectTeamSignals } from "../../src/learning/collect-team-signals.js";
import { createLearningStore, type LearningStore } from "../../src/learning/learning-store.js";
import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { APP_USER, TEST_APP } from "../helpers/app-identity.js";
import { changedFileJson, createTestOctokit, type GitHubMock, notFoundReply, pullRequestJson, rawContentReply } from "../helpers/github-mock.js";
import {
  CONFIG_PATH,
  FILE_CONTENT_PATH,
  FILE_PATCH,
  FILE_PATH,
  FILE_TEXT,
  HEAD,
  HEAD_TREE_PATH,
  headTreeReply,
  INSTALLATION,
  MODEL_ANSWER,
  OWNER,
  REPO,
  reviewJob,
} from "../helpers/queue-fixtures.js";
import { openReviewWorkerRig, type ReviewWorkerRig } from "../helpers/review-worker-rig.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const FIRST_PULL = 7;
const LATER_PULL = 8;
const AUTHOR = "octocat";
const REPO_KEY = { installationId: INSTALLATION, owner: OWNER, repo: REPO };
const pullPath = (pull: number) => `/repos/${OWNER}/${REPO}/pulls/${pull}`;

let rig: ReviewWorkerRig;
let queue: ReviewQueue;
let gh: GitHubMock;
let learning: LearningStore;

beforeEach(async () => {
  rig = await openReviewWorkerRig(inject("redisUrl"));
  ({ gh } = rig);
  queue = rig.openQueue({ attempts: 1 });
  learning = createLearningStore(rig.redis, rig.prefix);
  await rig.startModel({ content: MODEL_ANSWER });
  rig.startWorker({ logLevel: "silent", deps: { learning } });
});

afterEach(() => rig.close());

/** The GitHub side of one review of `pull` (same file, same change); returns the review POST's expectation. */
function mockReview(pull: number, comments: unknown[] = []) {
  gh.on("GET", pullPath(pull), [200, pullRequestJson({ owner: OWNER, repo: REPO, number: pull, headSha: HEAD, userLogin: AUTHOR })], { times: Infinity });
  gh.on("GET", `${pullPath(pull)}/files`, [200, [changedFileJson({ filename: FILE_PATH, additions: 1, deletions: 1, patch: FILE_PATCH })]]);
  gh.on("GET", CONFIG_PATH, notFoundReply());
  // Read by the learning step and by the review source.
  gh.on("GET", `${pullPath(pull)}/comments`, [200, comments], { times: 2 });
  gh.on("GET", FILE_CONTENT_PATH, rawContentReply(FILE_TEXT));
  gh.on("GET", HEAD_TREE_PATH, headTreeReply());
  // The sink (and an incremental review's scope) read the reviews.
  gh.on("GET", `${pullPath(pull)}/reviews`, [200, []], { times: Infinity });
  return gh.on("POST", `${pullPath(pull)}/reviews`, (body) => [200, { id: 1, body: body.body }]);
}

async function review(pull: number): Promise<{ body: string; comments: { body: string }[] }> {
  const posted = mockReview(pull);
  const { jobId } = await enqueueReview(queue, reviewJob({ pullNumber: pull }));
  expect(await waitForJobState(queue, jobId)).toBe("completed");
  return posted.calls[0]?.body as { body: string; comments: { body: string }[] };
}

/** foureyes' comment from the first review as GitHub lists it, with 👎 from `reactors`. */
function reactedComment(body: string, reactors: { login: string; permission: string }[]) {
  gh.on("GET", `/repos/${OWNER}/${REPO}/pulls/comments/501/reactions`, [200, reactors.map(({ login }, id) => ({ id, content: "-1", user: { login, type: "User" } }))]);
  for (const { login, permission } of reactors) {
    if (login === AUTHOR) continue;
    gh.on("GET", `/repos/${OWNER}/${REPO}/collaborators/${login}/permission`, [200, { permission }]);
  }
  return { id: 501, path: FILE_PATH, line: 2, original_line: 2, body, user: APP_USER, in_reply_to_id: null };
}

/**
 * The first review's comment as GitHub lists it, with 👎 from `reactors` and human `replies` under it, then what
 * the pull request's closing (or its next review) does: read the reactions and replies, record what they say.
 * A permission is answered only for those given one: foureyes asks only about people whose signal would count.
 */
async function teachFromFirstPull(reactors: { login: string; permission: string }[], replies: { login: string; permission?: string; body: string }[] = []): Promise<void> {
  const first = await review(FIRST_PULL);
  expect(first.comments).toHaveLength(1);
  const comment = reactedComment(first.comments[0]!.body, reactors);
  const answers = replies.map(({ login, body }, index) => ({ id: 600 + index, path: FILE_PATH, line: 2, original_line: 2, body, user: { login, type: "User" }, in_reply_to_id: 501 }));
  for (const { login, permission } of replies) {
    if (permission) gh.on("GET", `/repos/${OWNER}/${REPO}/collaborators/${login}/permission`, [200, { permission }]);
  }
  gh.on("GET", `${pullPath(FIRST_PULL)}/comments`, [200, [comment, ...answers]]);
  await collectTeamSignals({ octokit: createTestOctokit(gh), pull: { ...REPO_KEY, pullNumber: FIRST_PULL, authorLogin: AUTHOR }, app: TEST_APP, store: learning });
}

it("a 👎 from the team on a finding leaves the same finding out of a later pull request, and the body says so", async () => {
  await teachFromFirstPull([{ login: "lead", permission: "write" }]);
  expect(await learning.list(REPO_KEY)).toMatchObject([{ commentId: 501, pull: FIRST_PULL, rule: "-", thumbsDown: 1, thumbsUp: 0 }]);

  const later = await review(LATER_PULL);

  expect(later.comments).toEqual([]);
  expect(later.body).toContain("1 finding like ones your team dismissed was left out.");
  gh.assertDone();
});

it.each([
  ["the pull request's author", [{ login: AUTHOR, permission: "admin" }]],
  ["someone without write access", [{ login: "passer-by", permission: "read" }]],
])("a 👎 from %s teaches nothing: the later pull request gets the finding", async (_who, reactors) => {
  await teachFromFirstPull(reactors);
  expect(await learning.list(REPO_KEY)).toEqual([]);

  const later = await review(LATER_PULL);

  expect(later.comments).toHaveLength(1);
  expect(later.body).not.toMatch(/dismissed/);
  gh.assertDone();
});

it("after /foureyes forget on the comment the finding is posted again", async () => {
  await teachFromFirstPull([{ login: "lead", permission: "maintain" }]);
  expect(await learning.forget(REPO_KEY, 501)).toBe(true);

  const later = await review(LATER_PULL);

  expect(later.comments).toHaveLength(1);
  gh.assertDone();
});

it("a team member's reply that dismisses a finding (\"won't fix\") leaves the same finding out of a later pull request", async () => {
  await teachFromFirstPull([], [{ login: "lead", permission: "write", body: "Won't fix: this path is only reached in tests." }]);
  expect(await learning.list(REPO_KEY)).toMatchObject([{ commentId: 501, pull: FIRST_PULL, thumbsDown: 0, thumbsUp: 0, dismissedByReply: true }]);

  const later = await review(LATER_PULL);

  expect(later.comments).toEqual([]);
  expect(later.body).toContain("1 finding like ones your team dismissed was left out.");
  gh.assertDone();
});

it.each([
  ["the pull request's author", [{ login: AUTHOR, body: "false positive" }]],
  // Asked only because the reply dismisses: read access does not speak for the repository.
  ["someone without write access", [{ login: "passer-by", permission: "read", body: "not an issue" }]],
  ["a team member whose reply does not dismiss it", [{ login: "lead", body: "Good catch, fixed in the next commit." }]],
])("a reply from %s teaches nothing: the later pull request gets the finding", async (_who, replies) => {
  await teachFromFirstPull([], replies);
  expect(await learning.list(REPO_KEY)).toEqual([]);

  const later = await review(LATER_PULL);

  expect(later.comments).toHaveLength(1);
  gh.assertDone();
});

// Advisory publishing against the GitHub mock: one COMMENT review per head,
// nothing for a stale head, the 422 fallback, throttled retries, check runs;
// only foureyes' own reviews count as posted, and a 5xx after GitHub created
// the review makes no second one.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { AnchoredComment } from "../../src/core/comments.js";
import { COMMENT_MARKER, headMarker, rerunMarker } from "../../src/core/markers.js";
import type { PullTarget } from "../../src/core/pull-target.js";
import { AdvisoryViolationError, StaleHeadError } from "../../src/github/errors.js";
import { createGitHubReviewSink, publishReview, RERUN_NOTE } from "../../src/review/github-review-sink.js";
import type { ReviewResult } from "../../src/review/types.js";
import { APP_USER, TEST_APP } from "../helpers/app-identity.js";
import { checkRunReply, createTestOctokit, type GitHubMock, mockGitHub, pullRequestJson, type TestOctokit } from "../helpers/github-mock.js";

const HEAD = "1".repeat(40);
const target: PullTarget = { owner: "acme", repo: "shop", pullNumber: 7, headSha: HEAD };
const PR_PATH = "/repos/acme/shop/pulls/7";

let gh: GitHubMock;
let octokit: TestOctokit;

beforeEach(() => {
  gh = mockGitHub();
  octokit = createTestOctokit(gh);
});
afterEach(() => gh.close());

function comment(overrides: Partial<AnchoredComment> = {}): AnchoredComment {
  return {
    path: "src/pay.ts",
    line: 12,
    side: "RIGHT",
    severity: "major",
    category: "bug",
    body: "The retry loop never ends when the gateway answers 500.",
    source: "model",
    movedBy: 0,
    ...overrides,
  };
}

function result(overrides: Partial<ReviewResult> = {}): ReviewResult {
  return {
    label: "acme/shop#7",
    headSha: HEAD,
    summary: "One finding in the payment retry.",
    comments: [comment(), comment({ line: 20, startLine: 18, severity: "minor", body: "Name the constant." })],
    overflow: [],
    skipped: [],
    model: { name: "qwen2.5-coder:14b", ok: true },
    promptVersion: "test",
    stats: {
      filesChanged: 1,
      filesReviewed: 1,
      filesSkipped: 0,
      chunks: 1,
      promptTokens: 100,
      commentsProposed: 2,
      commentsInvalid: 0,
      commentsDropped: 0,
      commentsMoved: 0,
      commentsMerged: 0,
      commentsOverCap: 0,
      commentsPosted: 2,
      durationMs: 5,
    },
    ...overrides,
  };
}

function mockHead(headSha = HEAD, reviews: unknown[] = []) {
  gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: "acme", repo: "shop", number: 7, headSha })]);
  if (headSha === HEAD) gh.on("GET", `${PR_PATH}/reviews`, [200, reviews]);
}

describe("publishReview", () => {
  it("posts exactly one COMMENT review on the reviewed head with the inline comments", async () => {
    mockHead();
    const post = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 99, body: body.body }]);

    await createGitHubReviewSink(octokit, target, { app: TEST_APP }).publish(result());

    expect(post.calls).toHaveLength(1);
    const body = post.calls[0]?.body as Record<string, unknown> & { comments: Record<string, unknown>[]; body: string };
    expect(body.event).toBe("COMMENT");
    expect(body.commit_id).toBe(HEAD);
    expect(body.body).toContain(headMarker(HEAD));
    expect(body.comments).toHaveLength(2);
    expect(body.comments[0]).toMatchObject({ path: "src/pay.ts", line: 12, side: "RIGHT" });
    expect(body.comments[1]).toMatchObject({ line: 20, start_line: 18, start_side: "RIGHT" });
    expect(String(body.comments[0]?.body)).toContain(COMMENT_MARKER);
    expect(gh.requests.map((r) => `${r.method} ${r.pathname}`)).toEqual([
      `GET ${PR_PATH}`,
      `GET ${PR_PATH}/reviews`,
      `POST ${PR_PATH}/reviews`,
    ]);
    gh.assertDone();
  });

  it("drops a review for a stale head: StaleHeadError and no POST", async () => {
    const moved = "9".repeat(40);
    mockHead(moved);

    const error = await publishReview(octokit, target, result(), { app: TEST_APP }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StaleHeadError);
    expect((error as Error).message).toMatch(new RegExp(`for head ${HEAD} was dropped because the head moved to ${moved}`));
    expect(gh.requests.filter((r) => r.method !== "GET")).toEqual([]);
    gh.assertDone();
  });

  it("posts nothing when a review for this head already carries the marker", async () => {
    mockHead(HEAD, [
      { id: 1, body: `Earlier review\n${headMarker("0".repeat(40))}`, user: APP_USER },
      { id: 2, body: `Done\n${headMarker(HEAD)}`, user: APP_USER },
    ]);

    await publishReview(octokit, target, result(), { app: TEST_APP });

    expect(gh.requests.filter((r) => r.method !== "GET")).toEqual([]);
    gh.assertDone();
  });

  it("finds the marker on a later page of reviews", async () => {
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: "acme", repo: "shop", number: 7, headSha: HEAD })]);
    gh.onPages("GET", `${PR_PATH}/reviews`, [
      Array.from({ length: 100 }, (_, i) => ({ id: i, body: "human review" })),
      [{ id: 500, body: headMarker(HEAD), user: APP_USER }],
    ]);

    await publishReview(octokit, target, result(), { app: TEST_APP });

    expect(gh.requestsTo("POST", `${PR_PATH}/reviews`)).toEqual([]);
    gh.assertDone();
  });

  it("retries once without inline comments when GitHub answers 422, keeping their text in the body", async () => {
    mockHead();
    const post = gh.on(
      "POST",
      `${PR_PATH}/reviews`,
      (body) =>
        body.comments.length > 0
          ? [422, { message: "Unprocessable Entity", errors: ["Line could not be resolved"] }]
          : [200, { id: 100, body: body.body }],
      { times: 2 },
    );
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (_obj: unknown, message?: string) => void warnings.push(String(message)) };

    await publishReview(octokit, target, result(), { app: TEST_APP, logger: logger as never });

    expect(post.calls).toHaveLength(2);
    const retry = post.calls[1]?.body as { event: string; commit_id: string; body: string; comments: unknown[] };
    expect(retry.event).toBe("COMMENT");
    expect(retry.commit_id).toBe(HEAD);
    expect(retry.comments).toEqual([]);
    expect(retry.body).toContain("`src/pay.ts` line 12");
    expect(retry.body).toContain("`src/pay.ts` line 18–20");
    expect(retry.body).toContain("The retry loop never ends");
    expect(retry.body).toContain(headMarker(HEAD));
    expect(warnings).toHaveLength(1);
    gh.assertDone();
  });

  it("does not retry a 422 a second time", async () => {
    mockHead();
    gh.on("POST", `${PR_PATH}/reviews`, [422, { message: "Unprocessable Entity" }], { times: 2 });

    await expect(publishReview(octokit, target, result(), { app: TEST_APP })).rejects.toMatchObject({ status: 422 });
    expect(gh.requestsTo("POST", `${PR_PATH}/reviews`)).toHaveLength(2);
  });

  it("waits out a secondary rate limit (403, retry-after) and posts once", async () => {
    mockHead();
    gh.on("POST", `${PR_PATH}/reviews`, [
      403,
      { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
      { "retry-after": "1" },
    ]);
    const ok = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 101, body: body.body }]);

    await publishReview(octokit, target, result(), { app: TEST_APP });

    expect(ok.calls).toHaveLength(1);
    expect(gh.requestsTo("POST", `${PR_PATH}/reviews`)).toHaveLength(2);
    gh.assertDone();
  });

  it("adds a neutral check run naming the bad key when the config was invalid", async () => {
    mockHead();
    gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 102, body: body.body }]);
    const check = gh.on("POST", "/repos/acme/shop/check-runs", (body) => checkRunReply(body));

    await publishReview(octokit, target, result({ configError: ".github/foureyes.yml: maxComments: expected a whole number, got \"lots\"" }), { app: TEST_APP });

    const body = check.calls[0]?.body as { name: string; head_sha: string; status: string; conclusion: string; output: { title: string; summary: string } };
    expect(body).toMatchObject({ name: "foureyes", head_sha: HEAD, status: "completed", conclusion: "neutral" });
    expect(body.output.title).toBe("Some .github/foureyes.yml settings ignored");
    expect(body.output.summary).toContain("maxComments");
    gh.assertDone();
  });
});

describe("publishReview for a rerun asked for in a comment", () => {
  const COMMENT_ID = 4711;

  it("posts once more although the head has a review, carrying the rerun marker and a note that names no one", async () => {
    mockHead(HEAD, [{ id: 2, body: `Done\n${headMarker(HEAD)}`, user: APP_USER }]);
    const post = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 103, body: body.body }]);

    await createGitHubReviewSink(octokit, target, { app: TEST_APP, rerunOf: COMMENT_ID }).publish(result());

    expect(post.calls).toHaveLength(1);
    const body = post.calls[0]?.body as { event: string; body: string };
    expect(body.event).toBe("COMMENT");
    expect(body.body).toContain(headMarker(HEAD));
    expect(body.body).toContain(rerunMarker(COMMENT_ID));
    expect(body.body).toContain(RERUN_NOTE);
    expect(body.body).not.toContain("@");
    gh.assertDone();
  });

  it("posts nothing when the review for this comment is already there, but does for another comment", async () => {
    mockHead(HEAD, [{ id: 3, body: `Again\n${headMarker(HEAD)}\n${rerunMarker(COMMENT_ID)}`, user: APP_USER }]);
    await publishReview(octokit, target, result(), { app: TEST_APP, rerunOf: COMMENT_ID });
    expect(gh.requests.filter((r) => r.method !== "GET")).toEqual([]);

    mockHead(HEAD, [{ id: 3, body: `Again\n${headMarker(HEAD)}\n${rerunMarker(COMMENT_ID)}`, user: APP_USER }]);
    const post = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 104, body: body.body }]);
    await publishReview(octokit, target, result(), { app: TEST_APP, rerunOf: COMMENT_ID + 1 });
    expect(post.calls).toHaveLength(1);
    gh.assertDone();
  });

  it("keeps the rerun marker in the 422 fallback", async () => {
    mockHead();
    const post = gh.on(
      "POST",
      `${PR_PATH}/reviews`,
      (body) => (body.comments.length > 0 ? [422, { message: "Unprocessable Entity" }] : [200, { id: 105, body: body.body }]),
      { times: 2 },
    );
    await publishReview(octokit, target, result(), { app: TEST_APP, rerunOf: COMMENT_ID });
    expect((post.calls[1]?.body as { body: string }).body).toContain(rerunMarker(COMMENT_ID));
    gh.assertDone();
  });

  it("still refuses a stale head", async () => {
    mockHead("9".repeat(40));
    await expect(publishReview(octokit, target, result(), { app: TEST_APP, rerunOf: COMMENT_ID })).rejects.toBeInstanceOf(StaleHeadError);
    expect(gh.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });
});

describe("the advisory guard in publish", () => {
  it("refuses, before sending, a review the policy would flag", async () => {
    // A review whose event was tampered with on the way (the guard reads what would go over the wire).
    const approve = Object.assign((params: unknown) => octokit.rest.pulls.createReview(params as never), {
      endpoint: (params: Record<string, unknown>) => octokit.rest.pulls.createReview.endpoint({ ...params, event: "APPROVE" } as never),
    });
    const tampered = { ...octokit, rest: { ...octokit.rest, pulls: { ...octokit.rest.pulls, createReview: approve } } } as unknown as TestOctokit;
    mockHead();

    await expect(publishReview(tampered, target, result(), { app: TEST_APP })).rejects.toThrow(AdvisoryViolationError);
    expect(gh.requestsTo("POST", `${PR_PATH}/reviews`)).toEqual([]);
    gh.assertDone();
  });
});

describe("only foureyes' own reviews count", () => {
  it("posts although the PR author left a COMMENT review carrying this head's marker", async () => {
    const forged = `Looks fine to me.\n${headMarker(HEAD)}`;
    mockHead(HEAD, [{ id: 1, body: forged, state: "COMMENTED", user: { login: "octocat", id: 1, type: "User" } }]);
    const post = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 106, body: body.body }]);

    await publishReview(octokit, target, result(), { app: TEST_APP });

    expect(post.calls).toHaveLength(1);
    gh.assertDone();
  });

  it("posts although another app's bot carries the marker, and a rerun although someone typed its rerun marker", async () => {
    const otherBot = { login: "helper[bot]", id: 2, type: "Bot" };
    mockHead(HEAD, [{ id: 1, body: headMarker(HEAD), user: otherBot }]);
    const post = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 107, body: body.body }], { times: 2 });
    await publishReview(octokit, target, result(), { app: TEST_APP });

    mockHead(HEAD, [{ id: 2, body: `${headMarker(HEAD)}\n${rerunMarker(4711)}`, user: { login: "octocat", id: 1, type: "User" } }]);
    await publishReview(octokit, target, result(), { app: TEST_APP, rerunOf: 4711 });

    expect(post.calls).toHaveLength(2);
    gh.assertDone();
  });
});

describe("a review write that fails ambiguously", () => {
  /** A pull request whose reviews GitHub keeps; `answer` decides each POST's reply after (or instead of) storing it. */
  function rememberingReviews(answer: (attempt: number) => { store: boolean; status: number }) {
    const reviews: { id: number; body: string; user: typeof APP_USER }[] = [];
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: "acme", repo: "shop", number: 7, headSha: HEAD })]);
    gh.on("GET", `${PR_PATH}/reviews`, () => [200, reviews], { times: Infinity });
    let attempt = 0;
    const post = gh.on(
      "POST",
      `${PR_PATH}/reviews`,
      (body) => {
        const { store, status } = answer((attempt += 1));
        const review = { id: 200 + attempt, body: body.body as string, user: APP_USER };
        if (store) reviews.push(review);
        return status < 300 ? [status, review] : [status, { message: "Bad Gateway" }];
      },
      { times: Infinity },
    );
    return { reviews, post };
  }

  it("makes exactly one review when GitHub answered 502 after creating it", async () => {
    const { reviews, post } = rememberingReviews((attempt) => ({ store: true, status: attempt === 1 ? 502 : 200 }));

    await publishReview(octokit, target, result(), { app: TEST_APP });

    expect(reviews).toHaveLength(1);
    expect(post.calls).toHaveLength(1);
  });

  it("posts once on the second try when the 502 created nothing", async () => {
    const { reviews, post } = rememberingReviews((attempt) => ({ store: attempt > 1, status: attempt === 1 ? 502 : 200 }));

    await publishReview(octokit, target, result(), { app: TEST_APP });

    expect(reviews).toHaveLength(1);
    expect(post.calls).toHaveLength(2);
    expect((post.calls[1]?.body as { body: string }).body).toContain(headMarker(HEAD));
  });

  it("does not take the author's forged review for the one that landed", async () => {
    const forged = { id: 1, body: headMarker(HEAD), user: { login: "octocat", id: 1, type: "User" } };
    const { reviews, post } = rememberingReviews((attempt) => ({ store: attempt > 1, status: attempt === 1 ? 504 : 200 }));
    reviews.push(forged as never);

    await publishReview(octokit, target, result(), { app: TEST_APP });

    expect(post.calls).toHaveLength(2);
    expect(reviews.filter((review) => review.user.login === TEST_APP.login)).toHaveLength(1);
  });
});

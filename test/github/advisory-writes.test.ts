// The small GitHub writes against the GitHub mock: a reaction, a conversation
// comment, a neutral check run — each exactly the request GitHub expects, and
// each made once although GitHub answered 5xx after carrying it out.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { replyMarker } from "../../src/core/markers.js";
import type { PullTarget } from "../../src/core/pull-target.js";
import { createCheckRun } from "../../src/github/create-check-run.js";
import { createIssueComment } from "../../src/github/create-issue-comment.js";
import { reactToComment } from "../../src/github/react-to-comment.js";
import { APP_USER, TEST_APP } from "../helpers/app-identity.js";
import { checkRunReply, createTestOctokit, type GitHubMock, mockGitHub, type TestOctokit } from "../helpers/github-mock.js";

const HEAD = "1".repeat(40);
const target: PullTarget = { owner: "acme", repo: "shop", pullNumber: 7, headSha: HEAD };

let gh: GitHubMock;
let octokit: TestOctokit;

beforeEach(() => {
  gh = mockGitHub();
  octokit = createTestOctokit(gh);
});
afterEach(() => gh.close());

describe("answering slash commands", () => {
  it("reacts to a conversation comment", async () => {
    const react = gh.on("POST", "/repos/acme/shop/issues/comments/4711/reactions", (body) => [201, { id: 1, content: body.content }]);
    await reactToComment(octokit, { owner: "acme", repo: "shop" }, { id: 4711, where: "conversation" }, "eyes");
    expect(react.calls[0]?.body).toEqual({ content: "eyes" });
    gh.assertDone();
  });

  it("reacts to a reply in a review thread on the review comment", async () => {
    const react = gh.on("POST", "/repos/acme/shop/pulls/comments/4712/reactions", (body) => [201, { id: 1, content: body.content }]);
    await reactToComment(octokit, { owner: "acme", repo: "shop" }, { id: 4712, where: "review-thread" }, "eyes");
    expect(react.calls[0]?.body).toEqual({ content: "eyes" });
    gh.assertDone();
  });

  it("replies with one comment on the pull request, marked with the comment it answers", async () => {
    const reply = gh.on("POST", "/repos/acme/shop/issues/7/comments", (body) => [201, { id: 900, body: body.body }]);
    expect(await createIssueComment(octokit, target, { body: "the commands", answers: 4711 }, { app: TEST_APP })).toEqual({ id: 900 });
    expect(reply.calls[0]?.body).toEqual({ body: `the commands\n${replyMarker(4711)}` });
    gh.assertDone();
  });

  it("makes one reply when GitHub answered 502 after creating it", async () => {
    const comments: { id: number; body: string; user: unknown }[] = [];
    const post = gh.on(
      "POST",
      "/repos/acme/shop/issues/7/comments",
      (body) => {
        comments.push({ id: 900 + comments.length, body: body.body, user: APP_USER });
        return [502, { message: "Bad Gateway" }];
      },
      { times: Infinity },
    );
    const list = gh.on("GET", /^\/repos\/acme\/shop\/issues\/7\/comments\?/, () => [200, comments], { times: Infinity });

    expect(await createIssueComment(octokit, target, { body: "the commands", answers: 4711 }, { app: TEST_APP })).toEqual({ id: 900 });
    expect(post.calls).toHaveLength(1);
    expect(list.calls[0]?.query.since).toBeDefined();
    expect(comments).toHaveLength(1);
  });

  it("writes the reply again when the 502 created nothing, or only someone else's look-alike", async () => {
    const lookAlike = { id: 1, body: `the commands\n${replyMarker(4711)}`, user: { login: "octocat", type: "User" } };
    gh.on("POST", "/repos/acme/shop/issues/7/comments", [502, { message: "Bad Gateway" }]);
    gh.on("GET", /^\/repos\/acme\/shop\/issues\/7\/comments\?/, [200, [lookAlike]]);
    const second = gh.on("POST", "/repos/acme/shop/issues/7/comments", (body) => [201, { id: 901, body: body.body }]);

    expect(await createIssueComment(octokit, target, { body: "the commands", answers: 4711 }, { app: TEST_APP })).toEqual({ id: 901 });
    expect(second.calls).toHaveLength(1);
    gh.assertDone();
  });

  it("leaves a reaction to the retry plugin: GitHub answers a repeated one with the existing reaction", async () => {
    gh.on("POST", "/repos/acme/shop/issues/comments/4711/reactions", [502, { message: "Bad Gateway" }]);
    const again = gh.on("POST", "/repos/acme/shop/issues/comments/4711/reactions", [200, { id: 1, content: "eyes" }]);
    await reactToComment(octokit, { owner: "acme", repo: "shop" }, { id: 4711, where: "conversation" }, "eyes");
    expect(again.calls).toHaveLength(1);
    gh.assertDone();
  });
});

describe("createCheckRun", () => {
  it("creates a neutral foureyes check run on the head commit", async () => {
    const check = gh.on("POST", "/repos/acme/shop/check-runs", (body) => checkRunReply(body));

    await createCheckRun(
      octokit,
      target,
      { title: "Review delayed: the model server did not answer; retrying", summary: "connect ECONNREFUSED 127.0.0.1:11434" },
      { app: TEST_APP },
    );

    expect(check.calls[0]?.body).toMatchObject({
      name: "foureyes",
      head_sha: HEAD,
      status: "completed",
      conclusion: "neutral",
      output: { title: "Review delayed: the model server did not answer; retrying", summary: "connect ECONNREFUSED 127.0.0.1:11434" },
    });
    expect((check.calls[0]?.body as { external_id: string }).external_id).toMatch(/^foureyes-[0-9a-f-]{36}$/);
    expect(gh.requests).toHaveLength(1);
  });

  /** The commit's check runs as GitHub keeps them; the first POST is stored (or not) and answered 502. */
  function rememberingCheckRuns(firstCreates: boolean) {
    const runs: Record<string, unknown>[] = [];
    let posts = 0;
    const post = gh.on(
      "POST",
      "/repos/acme/shop/check-runs",
      (body) => {
        posts += 1;
        const run = { id: 40 + posts, ...body, app: { id: TEST_APP.id, slug: TEST_APP.slug } };
        if (posts > 1 || firstCreates) runs.push(run);
        return posts === 1 ? [502, { message: "Bad Gateway" }] : [201, run];
      },
      { times: Infinity },
    );
    const list = gh.on("GET", new RegExp(`^/repos/acme/shop/commits/${HEAD}/check-runs\\?`), () => [200, { total_count: runs.length, check_runs: runs }], {
      times: Infinity,
    });
    return { runs, post, list };
  }

  it("makes one check run when GitHub answered 502 after creating it", async () => {
    const { runs, post, list } = rememberingCheckRuns(true);

    expect(await createCheckRun(octokit, target, { title: "t", summary: "s" }, { app: TEST_APP })).toEqual({ id: 41 });

    expect(post.calls).toHaveLength(1);
    expect(runs).toHaveLength(1);
    expect(list.calls[0]?.query).toMatchObject({ check_name: "foureyes", app_id: String(TEST_APP.id) });
  });

  it("creates the check run on the second try when the 502 created nothing, not mistaking an earlier one for it", async () => {
    const { runs, post } = rememberingCheckRuns(false);
    runs.push({ id: 7, name: "foureyes", external_id: "foureyes-earlier", app: { id: TEST_APP.id, slug: TEST_APP.slug } });

    expect(await createCheckRun(octokit, target, { title: "t", summary: "s" }, { app: TEST_APP })).toEqual({ id: 42 });

    expect(post.calls).toHaveLength(2);
    expect((post.calls[1]?.body as { external_id: string }).external_id).toBe((post.calls[0]?.body as { external_id: string }).external_id);
  });
});


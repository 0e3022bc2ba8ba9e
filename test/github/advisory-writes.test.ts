// The small GitHub writes against the GitHub mock: a reaction, a conversation
// comment, a neutral check run — each exactly the request GitHub expects.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PullTarget } from "../../src/core/pull-target.js";
import { createCheckRun } from "../../src/github/create-check-run.js";
import { createIssueComment } from "../../src/github/create-issue-comment.js";
import { reactToComment } from "../../src/github/react-to-comment.js";
import { checkRunReply, createTestOctokit, mockGitHub, type GitHubMock, type TestOctokit } from "../helpers/github-mock.js";

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
    await reactToComment(octokit, { owner: "acme", repo: "shop" }, 4711, "eyes");
    expect(react.calls[0]?.body).toEqual({ content: "eyes" });
    gh.assertDone();
  });

  it("replies with one comment on the pull request", async () => {
    const reply = gh.on("POST", "/repos/acme/shop/issues/7/comments", (body) => [201, { id: 900, body: body.body }]);
    expect(await createIssueComment(octokit, target, "the commands")).toEqual({ id: 900 });
    expect(reply.calls[0]?.body).toEqual({ body: "the commands" });
    gh.assertDone();
  });
});

describe("createCheckRun", () => {
  it("creates a neutral foureyes check run on the head commit", async () => {
    const check = gh.on("POST", "/repos/acme/shop/check-runs", (body) => checkRunReply(body));

    await createCheckRun(octokit, target, {
      title: "Review delayed: the model server did not answer; retrying",
      summary: "connect ECONNREFUSED 127.0.0.1:11434",
    });

    expect(check.calls[0]?.body).toMatchObject({
      name: "foureyes",
      head_sha: HEAD,
      status: "completed",
      conclusion: "neutral",
      output: { title: "Review delayed: the model server did not answer; retrying", summary: "connect ECONNREFUSED 127.0.0.1:11434" },
    });
    expect(gh.requests).toHaveLength(1);
  });
});


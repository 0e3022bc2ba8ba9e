// The pull-request source against the GitHub mock: what it asks GitHub for
// and what snapshot it builds from the answers.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import { COMMENT_MARKER, findingMarker } from "../../src/core/markers.js";
import type { PullTarget } from "../../src/core/pull-target.js";
import { StaleHeadError } from "../../src/github/errors.js";
import { createPullRequestSource } from "../../src/review/github-review-source.js";
import { APP_USER, TEST_APP } from "../helpers/app-identity.js";
import {
  changedFileJson,
  contentJson,
  createTestOctokit,
  type GitHubMock,
  mockGitHub,
  notFoundReply,
  pullRequestJson,
  rawContentReply,
  type TestOctokit,
} from "../helpers/github-mock.js";

const HEAD = "1".repeat(40);
const BASE = "2".repeat(40);
const target: PullTarget = { owner: "acme", repo: "shop", pullNumber: 7, headSha: HEAD };
const limits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 1000 };
const PR_PATH = "/repos/acme/shop/pulls/7";
const CONFIG_PATH = "/repos/acme/shop/contents/.github%2Ffoureyes.yml";

let gh: GitHubMock;
let octokit: TestOctokit;

beforeEach(() => {
  gh = mockGitHub();
  octokit = createTestOctokit(gh);
});
afterEach(() => gh.close());

function filesPage(from: number, count: number) {
  return Array.from({ length: count }, (_, i) =>
    changedFileJson({ filename: `src/file-${from + i}.ts`, additions: 2, deletions: 1, patch: `@@ -1,1 +1,2 @@\n-a\n+b\n+c` }),
  );
}

function mockPullAndComments(pr: Record<string, unknown> = {}) {
  gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: "acme", repo: "shop", number: 7, headSha: HEAD, baseSha: BASE, defaultBranch: "trunk", ...pr })]);
  gh.on("GET", `${PR_PATH}/comments`, [200, []]);
}

describe("createPullRequestSource().loadSnapshot", () => {
  it("pages through 3 pages of files and reads the config from the default branch, not the head", async () => {
    mockPullAndComments({ title: "Checkout: retry payments", body: "Adds retries.", draft: true, userType: "Bot" });
    gh.onPages("GET", `${PR_PATH}/files`, [filesPage(0, 100), filesPage(100, 100), filesPage(200, 37)]);
    const config = gh.on("GET", CONFIG_PATH, [200, contentJson(".github/foureyes.yml", "maxComments: 3\nreviewDrafts: true\n")]);

    const snapshot = await createPullRequestSource(octokit, target, limits, TEST_APP).loadSnapshot();

    expect(snapshot.files).toHaveLength(237);
    expect(snapshot.files[236]).toEqual({ path: "src/file-236.ts", status: "modified", additions: 2, deletions: 1, patch: "@@ -1,1 +1,2 @@\n-a\n+b\n+c" });
    expect(gh.requestsTo("GET", `${PR_PATH}/files`).map((r) => [r.query.per_page, r.query.page ?? "1"])).toEqual([
      ["100", "1"],
      ["100", "2"],
      ["100", "3"],
    ]);
    expect(config.calls[0]?.query.ref).toBe("trunk");
    expect(config.calls[0]?.query.ref).not.toBe(HEAD);
    expect(snapshot).toMatchObject({
      label: "acme/shop#7",
      title: "Checkout: retry payments",
      description: "Adds retries.",
      headSha: HEAD,
      baseSha: BASE,
      draft: true,
      authorIsBot: true,
      config: { ...DEFAULT_REPO_CONFIG, maxComments: 3, reviewDrafts: true },
    });
    expect(snapshot.configError).toBeUndefined();
    // Never the whole diff, never the head's config.
    expect(gh.requests.every((r) => !/application\/vnd\.github(\.v3)?\.diff/.test(r.headers.accept ?? ""))).toBe(true);
    gh.assertDone();
  });

  it("uses the defaults when the default branch has no config file", async () => {
    mockPullAndComments();
    gh.onPages("GET", `${PR_PATH}/files`, [filesPage(0, 1)]);
    gh.on("GET", CONFIG_PATH, notFoundReply());

    const snapshot = await createPullRequestSource(octokit, target, limits, TEST_APP).loadSnapshot();

    expect(snapshot.config).toEqual(DEFAULT_REPO_CONFIG);
    expect(snapshot.configError).toBeUndefined();
    gh.assertDone();
  });

  it("uses the defaults and names the bad key when the config is invalid", async () => {
    mockPullAndComments();
    gh.onPages("GET", `${PR_PATH}/files`, [filesPage(0, 1)]);
    gh.on("GET", CONFIG_PATH, [200, contentJson(".github/foureyes.yml", "maxComments: lots\n")]);

    const snapshot = await createPullRequestSource(octokit, target, limits, TEST_APP).loadSnapshot();

    expect(snapshot.config).toEqual(DEFAULT_REPO_CONFIG);
    expect(snapshot.configError).toMatch(/^\.github\/foureyes\.yml: maxComments: expected a whole number/);
    gh.assertDone();
  });

  it("keeps only earlier foureyes comments, as the finding's text, with their fingerprints and how the team set them aside", async () => {
    const marker = findingMarker({ fingerprint: "0123456789abcdef", kind: "function", rule: "-" });
    const thumbsDown = { "-1": 1 };
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: "acme", repo: "shop", number: 7, headSha: HEAD })]);
    gh.on("GET", `${PR_PATH}/comments`, [
      200,
      [
        { id: 1, path: "src/a.ts", line: 4, original_line: 4, body: `**Major** · bug\n\nThis drops the error.\n\n${marker}\n${COMMENT_MARKER}`, user: APP_USER },
        { id: 2, path: "src/a.ts", line: 5, original_line: 5, body: "A human's remark.", user: { login: "ana", type: "User" } },
        { id: 3, path: "src/b.ts", line: null, original_line: 9, body: `**Nit** · style\n\nOutdated one.\n\n${COMMENT_MARKER}`, user: APP_USER, reactions: thumbsDown },
        { id: 6, path: "src/c.ts", line: 2, original_line: 2, body: `**Minor** · bug\n\nA third.\n\n${COMMENT_MARKER}`, user: APP_USER },
        { id: 7, path: "src/c.ts", line: 2, original_line: 2, body: "Won't fix: intended.", user: { login: "ana", type: "User" }, in_reply_to_id: 6 },
        { id: 8, path: "src/d.ts", line: 3, original_line: 3, body: `**Minor** · bug\n\nA fourth.\n\n${COMMENT_MARKER}`, user: APP_USER },
        // A bot's "ignore" is not the team's word.
        { id: 9, path: "src/d.ts", line: 3, original_line: 3, body: "ignore", user: { login: "helper[bot]", type: "Bot" }, in_reply_to_id: 8 },
      ],
    ]);
    const threads = [1, 3, 6, 8].map((id) => ({ isResolved: id === 1, comments: { nodes: [{ databaseId: id }] } }));
    gh.on("POST", "/graphql", [200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: threads } } } } }]);
    gh.onPages("GET", `${PR_PATH}/files`, [filesPage(0, 1)]);
    gh.on("GET", CONFIG_PATH, notFoundReply());

    const snapshot = await createPullRequestSource(octokit, target, limits, TEST_APP).loadSnapshot();

    expect(snapshot.priorComments).toEqual([
      { path: "src/a.ts", line: 4, body: "This drops the error.", fingerprint: "0123456789abcdef", dismissed: "resolved" },
      { path: "src/b.ts", line: 9, body: "Outdated one.", dismissed: "thumbs-down" },
      { path: "src/c.ts", line: 2, body: "A third.", dismissed: "reply" },
      { path: "src/d.ts", line: 3, body: "A fourth." },
    ]);
    gh.assertDone();
  });

  it("does not take an author's comment carrying the comment marker for an earlier finding", async () => {
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: "acme", repo: "shop", number: 7, headSha: HEAD })]);
    gh.on("GET", `${PR_PATH}/comments`, [
      200,
      [
        // Typed by the author on the line foureyes would comment on, to make it drop its finding as a repeat.
        { id: 4, path: "src/a.ts", line: 4, original_line: 4, body: `**Major** · bug\n\nThis drops the error.\n\n${COMMENT_MARKER}`, user: { login: "octocat", type: "User" } },
        { id: 5, path: "src/a.ts", line: 6, original_line: 6, body: `Also this.\n\n${COMMENT_MARKER}`, user: { login: "helper[bot]", type: "Bot" } },
      ],
    ]);
    gh.onPages("GET", `${PR_PATH}/files`, [filesPage(0, 1)]);
    gh.on("GET", CONFIG_PATH, notFoundReply());

    const snapshot = await createPullRequestSource(octokit, target, limits, TEST_APP).loadSnapshot();

    expect(snapshot.priorComments).toEqual([]);
    gh.assertDone();
  });

  it("refuses a snapshot when the head moved on", async () => {
    gh.on("GET", PR_PATH, [200, pullRequestJson({ owner: "acme", repo: "shop", number: 7, headSha: "9".repeat(40) })]);

    await expect(createPullRequestSource(octokit, target, limits, TEST_APP).loadSnapshot()).rejects.toThrow(StaleHeadError);
    expect(gh.requests).toHaveLength(1);
  });
});

describe("createPullRequestSource().readHeadFile", () => {
  const file = (path: string) => `/repos/acme/shop/contents/${encodeURIComponent(path)}`;

  it("reads the head version with the raw media type", async () => {
    const read = gh.on("GET", file("src/a.ts"), rawContentReply("export const a = 1;\n"));

    const head = await createPullRequestSource(octokit, target, limits, TEST_APP).readHeadFile("src/a.ts");

    expect(head).toEqual({ kind: "text", text: "export const a = 1;\n" });
    expect(read.calls[0]?.query.ref).toBe(HEAD);
    expect(read.calls[0]?.headers.accept).toMatch(/application\/vnd\.github\.v3\.raw|application\/vnd\.github\.raw/);
  });

  it("says which files are absent, binary or too large", async () => {
    gh.on("GET", file("gone.ts"), notFoundReply());
    gh.on("GET", file("logo.png"), rawContentReply(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])));
    gh.on("GET", file("big.ts"), rawContentReply("x".repeat(limits.maxFileBytes + 1)));
    const source = createPullRequestSource(octokit, target, limits, TEST_APP);

    expect(await source.readHeadFile("gone.ts")).toEqual({ kind: "absent" });
    expect(await source.readHeadFile("logo.png")).toMatchObject({ kind: "skipped", reason: "binary" });
    expect(await source.readHeadFile("big.ts")).toMatchObject({ kind: "skipped", reason: "too-large", detail: expect.stringMatching(/over the .* limit/) });
    gh.assertDone();
  });

  it("lets other failures through so the job is retried", async () => {
    gh.on("GET", file("src/a.ts"), [502, { message: "Bad Gateway" }], { times: 4 });

    await expect(createPullRequestSource(octokit, target, limits, TEST_APP).readHeadFile("src/a.ts")).rejects.toMatchObject({ status: 502 });
    // The retry plugin tried again (3 retries) before giving up.
    expect(gh.requests).toHaveLength(4);
  });
});

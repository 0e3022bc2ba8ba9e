// Secrets never reach the model, the log or a comment: a pull request that
// commits secret-bearing files and secrets of every shape goes through the
// real review worker (real Redis and BullMQ, GitHub mocked at HTTP, the
// loopback model server that records what it received, pino at debug), and
// no planted value shows up in any model request, log line or GitHub write.

import { createHash } from "node:crypto";

import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { fakePrivateKeyLines, fakeString, plantedSecrets } from "../helpers/fake-secrets.js";
import { changedFileJson, contentJson, type GitHubMock, pullRequestJson, rawContentReply } from "../helpers/github-mock.js";
import type { ModelServer } from "../helpers/model-server.js";
import { CONFIG_PATH, HEAD, HEAD_TREE_PATH, headTreeReply, OWNER, PR_PATH, PULL, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { openReviewWorkerRig, type ReviewWorkerRig } from "../helpers/review-worker-rig.js";
import { waitForJobState } from "../helpers/wait-for-job.js";

const SOURCE_PATH = "src/settings.ts";
const SOURCE_CONTENT_PATH = /^\/repos\/octo-org\/octo-repo\/contents\/src(\/|%2F)settings\.ts/;

/** Files that are secret by their name alone: listed as skipped, never read, never sent. */
const SECRET_FILES = [
  ".env",
  "deploy/.env.production",
  ".env.example",
  "certs/server.pem",
  "certs/tls.key",
  "deploy/id_rsa",
  "keystore/release.jks",
  "config/credentials.json",
  ".npmrc",
  "k8s/prod.kubeconfig",
  "config/secrets.yml",
];

const planted = plantedSecrets();
const keyLines = fakePrivateKeyLines();
/** The committed file: every planted secret on its own line, then a PEM key, then ordinary code. */
const SOURCE_LINES = [
  "export const settings = {",
  ...planted.map((secret) => secret.line),
  "};",
  "export const signingKey = `",
  ...keyLines,
  "`;",
  "export function add(a: number, b: number): number {",
  "  return a - b;",
  "}",
];
const SOURCE_TEXT = `${SOURCE_LINES.join("\n")}\n`;
const SOURCE_PATCH = `@@ -0,0 +1,${SOURCE_LINES.length} @@\n${SOURCE_LINES.map((line) => `+${line}`).join("\n")}`;
const lineOf = (text: string) => SOURCE_LINES.indexOf(text) + 1;
const ADD_LINE = lineOf("  return a - b;");
const KEY_LINE = lineOf(keyLines[0]!);

/** Secrets only the model says: in the PR description (it must not see it) and in its own answer (must not be posted). */
const DESCRIPTION_TOKEN = `github_pat_${fakeString(40, 22)}_${fakeString(41, 59)}`;
const MODEL_SECRET = `xoxp-${fakeString(42, 12, "0123456789")}-${fakeString(43, 12, "0123456789")}-${fakeString(44, 32)}`;
const SECRET_FILE_VALUE = `sk_live_${fakeString(45, 24)}`;

const ALL_SECRETS = [
  ...planted.map((secret) => secret.value),
  ...keyLines.slice(1, -1),
  DESCRIPTION_TOKEN,
  MODEL_SECRET,
  SECRET_FILE_VALUE,
];

let rig: ReviewWorkerRig;
let queue: ReviewQueue;
let gh: GitHubMock;
let model: ModelServer;
let logText: string[];

beforeEach(async () => {
  rig = await openReviewWorkerRig(inject("redisUrl"));
  ({ gh, logText } = rig);
  queue = rig.openQueue({ attempts: 1 });
  model = await rig.startModel();
});

afterEach(() => rig.close());

function startWorker(): void {
  // Trace: the most the log can ever say.
  rig.startWorker({ logLevel: "trace", modelConcurrency: 2, modelClientLogs: true });
}

async function waitForJob(jobId: string): Promise<string> {
  return waitForJobState(queue, jobId);
}

/** The pull request's reads: the secret files are listed with patches that hold a secret, but no read of their contents is mocked. */
function mockPullRequest(): void {
  const pr = pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD, body: `CI uses ${DESCRIPTION_TOKEN} for now.` });
  gh.on("GET", PR_PATH, [200, pr], { times: 2 });
  const secretFiles = SECRET_FILES.map((filename) =>
    changedFileJson({ filename, status: "added", additions: 1, deletions: 0, patch: `@@ -0,0 +1 @@\n+STRIPE_KEY=${SECRET_FILE_VALUE}` }),
  );
  const source = changedFileJson({ filename: SOURCE_PATH, status: "added", additions: SOURCE_LINES.length, deletions: 0, patch: SOURCE_PATCH });
  gh.on("GET", `${PR_PATH}/files`, [200, [...secretFiles, source]]);
  gh.on("GET", CONFIG_PATH, [200, contentJson(".github/foureyes.yml", "maxComments: 50\n")]);
  gh.on("GET", `${PR_PATH}/comments`, [200, []]);
  gh.on("GET", SOURCE_CONTENT_PATH, rawContentReply(SOURCE_TEXT));
  // The source exports what it changes, so the test-gap step lists the head's files.
  gh.on("GET", HEAD_TREE_PATH, headTreeReply([...SECRET_FILES, SOURCE_PATH]));
  gh.on("GET", `${PR_PATH}/reviews`, [200, []]);
}

function expectNoSecretIn(what: string, text: string): void {
  for (const secret of ALL_SECRETS) {
    expect(text.includes(secret), `${what} holds the secret ${secret.slice(0, 8)}…`).toBe(false);
  }
}

interface PostedReview {
  body: string;
  comments: { path: string; line: number; body: string }[];
}

describe("secrets in a pull request", () => {
  it("reach neither the model, nor the log, nor the posted review; committed ones are reported on their lines", async () => {
    mockPullRequest();
    const answer = JSON.stringify({
      comments: [
        { path: SOURCE_PATH, line: ADD_LINE, startLine: null, side: "RIGHT", severity: "major", category: "bug", body: `\`add\` subtracts; also rotate ${MODEL_SECRET}.` },
      ],
    });
    model.reply({ content: answer });
    const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }]);

    const { jobId } = await enqueueReview(queue, reviewJob());
    startWorker();
    expect(await waitForJob(jobId)).toBe("completed");

    // The model saw the change, with placeholders where the secrets were.
    expect(model.requests.length).toBeGreaterThan(0);
    const sent = JSON.stringify(model.requests);
    expectNoSecretIn("a model request", sent);
    expect(sent).toContain("[REDACTED:github-token]");
    expect(sent).toContain("[REDACTED:private-key]");
    // Line numbers hold: the line after the key block keeps its number.
    const user = model.requests.map((request) => request.messages.find((m) => m.role === "user")?.content ?? "").join("\n");
    expect(user).toMatch(new RegExp(`^${ADD_LINE} \\+   return a - b;$`, "m"));
    for (const path of SECRET_FILES) expect(user).not.toContain(`### ${path}`);

    // No GitHub read of a secret-bearing file's contents.
    const contentReads = gh.requestsTo("GET", /\/contents\//).map((request) => decodeURIComponent(request.pathname));
    expect(contentReads.filter((path) => SECRET_FILES.some((file) => path.endsWith(file)))).toEqual([]);

    // The posted review: secret files listed as skipped, one critical finding per committed secret, no value anywhere.
    expect(posted.calls).toHaveLength(1);
    const review = posted.calls[0]!.body as PostedReview;
    expectNoSecretIn("the posted review", JSON.stringify(posted.calls));
    expectNoSecretIn("a GitHub request", JSON.stringify(gh.requests.map((request) => request.body)));
    for (const path of SECRET_FILES) expect(review.body).toContain(`\`${path}\`: secret-bearing file`);
    const secretLines = [...planted.map((secret) => lineOf(secret.line)), KEY_LINE];
    const findings = review.comments.filter((comment) => /is committed here/.test(comment.body));
    expect(findings.map((comment) => comment.line).sort((a, b) => a - b)).toEqual(secretLines.sort((a, b) => a - b));
    expect(findings.every((comment) => /critical/i.test(comment.body) && /security/i.test(comment.body))).toBe(true);
    expect(review.comments.find((comment) => comment.line === lineOf(planted[0]!.line))?.body).toMatch(
      /A GitHub token is committed here; revoke it/,
    );
    // The model's own comment is posted, minus the secret it repeated.
    const modelComment = review.comments.find((comment) => comment.line === ADD_LINE);
    expect(modelComment?.body).toMatch(/REDACTED:slack-token/);

    // The log: the answer only as a hash and a length.
    expectNoSecretIn("the log", logText.join("\n"));
    const hash = createHash("sha256").update(answer).digest("hex");
    expect(logText.join("\n")).toContain(hash);
    gh.assertDone();
  });

  it("an unusable answer that repeats a secret is logged as a hash and a length only", async () => {
    mockPullRequest();
    const garbage = `Sure! Your token ${MODEL_SECRET} is fine and here is no JSON.`;
    model.reply({ content: garbage });
    gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 1, body: body.body }]);

    const { jobId } = await enqueueReview(queue, reviewJob());
    startWorker();
    expect(await waitForJob(jobId)).toBe("completed");

    const log = logText.join("\n");
    expectNoSecretIn("the log", log);
    expect(log).not.toContain("here is no JSON");
    const entry = logText.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.msg === "unusable model answer");
    expect(entry).toMatchObject({ answerSha256: createHash("sha256").update(garbage).digest("hex"), answerLength: garbage.length });
    expectNoSecretIn("a GitHub request", JSON.stringify(gh.requests.map((request) => request.body)));
    gh.assertDone();
  });
});

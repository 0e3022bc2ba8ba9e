// A review job with the audit trail on, in-process on a real Redis, GitHub
// mocked at HTTP and the loopback model server: the chain tells the story
// (review.started with its trigger, model.call with hashes, github.write of
// the COMMENT review with its id, review.finished with the posted ids), the
// footer names the review's first record, the export verifies, and with full
// content on no planted secret reaches any record.

import { generateKeyPairSync } from "node:crypto";

import type { Redis } from "ioredis";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { createApp } from "../../src/app/create-app.js";
import { auditGitHubWrites } from "../../src/audit/audit-github-writes.js";
import { createAuditLog } from "../../src/audit/create-audit-log.js";
import { exportAudit } from "../../src/audit/export-audit.js";
import { createChainVerifier } from "../../src/audit/verify-audit-chain.js";
import { enqueueReview, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { plantedSecrets } from "../helpers/fake-secrets.js";
import { createTestOctokit, type GitHubMock } from "../helpers/github-mock.js";
import { MODEL_SERVER_MODEL } from "../helpers/model-server.js";
import { FILE_PATH, HEAD, OWNER, PR_PATH, PULL, REPO, reviewJob } from "../helpers/queue-fixtures.js";
import { answerPullRequestReads, openReviewWorkerRig, type ReviewWorkerRig } from "../helpers/review-worker-rig.js";
import { waitForJobState } from "../helpers/wait-for-job.js";
import { webhookPayload } from "../helpers/webhook-payloads.js";

const INSTALLATION = reviewJob().installationId;
const secrets = plantedSecrets();
const secret = secrets[0]?.value as string;

let rig: ReviewWorkerRig;
let redis: Redis;
let prefix: string;
let queue: ReviewQueue;
let gh: GitHubMock;

beforeEach(async () => {
  rig = await openReviewWorkerRig(inject("redisUrl"), { prefix: "audit-review" });
  ({ redis, prefix, gh } = rig);
  queue = rig.openQueue({ attempts: 2 });
});
afterEach(() => rig.close());

async function runOneReview(options: { content: "hashes" | "full"; modelAnswer: string; description?: string; enqueue?: () => Promise<string> }) {
  const model = await rig.startModel({ content: options.modelAnswer });
  answerPullRequestReads(gh, { pull: { body: options.description ?? "" } });
  gh.on("GET", `${PR_PATH}/reviews`, [200, []]);
  const posted = gh.on("POST", `${PR_PATH}/reviews`, (body) => [200, { id: 4711, body: body.body }]);
  gh.on("GET", `${PR_PATH}/reviews/4711/comments`, [200, [{ id: 9001 }]]);

  const audit = createAuditLog({ redis, prefix });
  const octokit = auditGitHubWrites(createTestOctokit(gh), audit, INSTALLATION);
  const deps = { audit, auditContent: options.content, modelUrl: `http://user:hunter2@${new URL(model.url).host}/v1` };
  const jobId = options.enqueue ? await options.enqueue() : (await enqueueReview(queue, reviewJob())).jobId;
  rig.startWorker({ octokit, logLevel: "silent", modelConcurrency: 2, deps });
  await waitForJobState(queue, jobId);
  const lines: string[] = [];
  for await (const line of exportAudit(redis, prefix)) lines.push(line);
  return { lines, posted, records: lines.slice(0, -1).map((line) => JSON.parse(line) as { seq: number; type: string; data: Record<string, unknown> }) };
}

const answerWith = (body: string) =>
  JSON.stringify({ comments: [{ path: FILE_PATH, line: 2, startLine: null, side: "RIGHT", severity: "major", category: "bug", body }] });

describe("the audit trail of a review", () => {
  it("records what asked, what the model was sent and said, what was written and what came of it, and verifies", async () => {
    const { lines, posted, records } = await runOneReview({ content: "hashes", modelAnswer: answerWith("`add` subtracts.") });
    const story = records.filter((record) => record.type !== "checkpoint");
    expect(story.map((record) => record.type)).toEqual(["review.started", "model.call", "github.write", "review.finished"]);

    const [started, call, write, finished] = story;
    expect(started?.data).toMatchObject({ repo: `${OWNER}/${REPO}`, pull: PULL, head: HEAD, trigger: { kind: "webhook", event: "pull_request.opened" } });
    expect(call?.data).toMatchObject({ modelAsked: MODEL_SERVER_MODEL, outcome: "parsed", kept: 1, invalid: 0, server: expect.not.stringContaining("hunter2") });
    expect(call?.data.messagesSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(call?.data.answerSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(call?.data).not.toHaveProperty("content");
    expect(write?.data).toMatchObject({ method: "POST", route: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", event: "COMMENT", status: 200, id: 4711 });
    expect(finished?.data).toMatchObject({ outcome: "posted", reviewId: 4711, commentIds: [9001], reviewed: [FILE_PATH], skipped: [] });
    expect(finished?.data.configSha256).toMatch(/^[0-9a-f]{64}$/);

    const footer = (posted.calls[0]?.body as { body: string }).body;
    expect(footer).toContain(`audit: ${INSTALLATION}/${started?.seq}`);

    const verifier = createChainVerifier();
    lines.forEach((line, index) => verifier.push(line, index + 1));
    expect(verifier.finish()).toMatchObject({ ok: true });
  });

  it("keeps the full texts when asked, with no planted secret in any record", async () => {
    const { lines, records } = await runOneReview({
      content: "full",
      // The model repeats each committed line, as it would when it quotes the code.
      modelAnswer: answerWith(`Rotate these:\n\n\`\`\`ts\n${secrets.map((planted) => planted.line).join("\n")}\n\`\`\``),
      description: `Deploy with ${secret}`,
    });
    const call = records.find((record) => record.type === "model.call");
    const content = call?.data.content as { messages: { content: string }[]; answer: string };
    expect(content.messages.map((message) => message.content).join("\n")).toContain(FILE_PATH);
    expect(content.answer).toContain("[REDACTED:");
    const everything = lines.join("\n");
    for (const planted of secrets) expect(everything, planted.kind).not.toContain(planted.value);
  });

  it("starts from a real pull_request.opened webhook: the chain names that delivery", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const probot = new Probot({ appId: 1, privateKey, secret: "webhook-secret", log: pino({ level: "silent" }) });
    await probot.load(createApp({ app: TEST_APP, queue }));
    const payload = webhookPayload("pull_request", "opened", {
      installationId: INSTALLATION,
      headSha: HEAD,
      number: PULL,
      patch: (copy) => Object.assign(copy.repository as object, { name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER, type: "Organization" } }),
    });
    const enqueue = async () => {
      await probot.receive({ id: "delivery-audit-1", name: "pull_request", payload } as Parameters<Probot["receive"]>[0]);
      const [job] = await queue.getJobs();
      return String(job?.id);
    };
    const { lines, records } = await runOneReview({ content: "hashes", modelAnswer: answerWith("`add` subtracts."), enqueue });
    expect(records.find((record) => record.type === "review.started")?.data).toMatchObject({
      trigger: { kind: "webhook", event: "pull_request.opened", delivery: "delivery-audit-1" },
    });
    expect(records.find((record) => record.type === "review.finished")?.data).toMatchObject({ outcome: "posted", reviewId: 4711 });
    const verifier = createChainVerifier();
    lines.forEach((line, index) => verifier.push(line, index + 1));
    expect(verifier.finish()).toMatchObject({ ok: true });
  });
});

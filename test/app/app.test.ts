// Webhook intake through a real Probot with real payloads: the four review
// triggers each make one job, a slash-command comment one command job;
// redeliveries, closed PRs, bots and other events make none; and the handler
// never talks to GitHub.

import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Redis } from "ioredis";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createApp } from "../../src/app/create-app.js";
import { createWebServer } from "../../src/app/create-web-server.js";
import type { CommandJobData } from "../../src/commands/command-job.js";
import { type CommandQueue, createCommandQueue } from "../../src/commands/command-queue.js";
import { readRecordedPulls } from "../../src/reports/record/read-recorded-pulls.js";
import { createReportQueue, type ReportQueue } from "../../src/reports/report-queue.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { TEST_APP } from "../helpers/app-identity.js";
import { type GitHubMock, mockGitHub } from "../helpers/github-mock.js";
import { type PayloadOverrides, webhookPayload } from "../helpers/webhook-payloads.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const WEBHOOK_SECRET = "test-webhook-secret";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are the examples' JSON, overridden per test
type Payload = any;

const INSTALLATION_ID = 4242;

/** A recorded pull_request example for `action`, delivered to an App installation. */
function pullRequestPayload(action: string, overrides: PayloadOverrides = {}): Payload {
  return webhookPayload("pull_request", action, { installationId: INSTALLATION_ID, ...overrides });
}

describe("webhook intake", () => {
  let redis: Redis;
  let queue: ReviewQueue;
  let probot: Probot;
  let gh: GitHubMock;
  let logLines: { msg: string; [key: string]: unknown }[];

  beforeEach(async () => {
    gh = mockGitHub();
    redis = await connectRedis(inject("redisUrl"), { role: "producer" });
    queue = createReviewQueue(redis, { prefix: `test-${randomUUID()}`, attempts: 2, backoffMs: 10 });
    logLines = [];
    const log = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
    probot = new Probot({ appId: 1, privateKey, secret: WEBHOOK_SECRET, log });
    await probot.load(createApp({ app: TEST_APP, queue }));
  });

  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await redis.quit();
    gh.close();
  });

  const receive = (name: string, payload: Payload, id: string = randomUUID()) =>
    probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);

  it.each(["opened", "synchronize", "reopened", "ready_for_review"])("pull_request.%s queues one job for the head", async (action) => {
    const payload = pullRequestPayload(action);
    await receive("pull_request", payload, "delivery-1");

    const jobs = await queue.getJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.id).toBe(`Codertocat/Hello-World#2@${payload.pull_request.head.sha}`);
    expect(jobs[0]?.data).toEqual({
      installationId: payload.installation.id,
      owner: "Codertocat",
      repo: "Hello-World",
      pullNumber: 2,
      headSha: payload.pull_request.head.sha,
      event: `pull_request.${action}`,
      deliveryId: "delivery-1",
    });
    expect(logLines.map((line) => line.msg)).toContain("review queued");
    expect(gh.requests).toEqual([]);
  });

  it("a redelivered webhook (same payload, another delivery id) still makes one job", async () => {
    const payload = pullRequestPayload("opened");
    await receive("pull_request", payload, "delivery-1");
    await receive("pull_request", payload, "delivery-2");
    await receive("pull_request", payload, "delivery-1");

    const jobs = await queue.getJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.data.deliveryId).toBe("delivery-1");
    expect(logLines.filter((line) => line.msg === "not queued: this head already has a job")).toHaveLength(2);
    expect(gh.requests).toEqual([]);
  });

  it("opened then ready_for_review on the same head makes one job", async () => {
    await receive("pull_request", pullRequestPayload("opened", { draft: true }));
    await receive("pull_request", pullRequestPayload("ready_for_review"));
    expect(await queue.getJobs()).toHaveLength(1);
  });

  it("a draft PR is queued (the repo config, read in the worker, may ask for drafts to be reviewed)", async () => {
    await receive("pull_request", pullRequestPayload("opened", { draft: true }));
    expect(await queue.getJobs()).toHaveLength(1);
    expect(gh.requests).toEqual([]);
  });

  it("a new head commit makes a second job", async () => {
    await receive("pull_request", pullRequestPayload("opened"));
    await receive("pull_request", pullRequestPayload("synchronize", { headSha: "f".repeat(40) }));
    expect((await queue.getJobs()).map((job) => job.id).sort()).toEqual([
      "Codertocat/Hello-World#2@ec26c3e57ca3a959ca5aad62de7213c562f8c821",
      `Codertocat/Hello-World#2@${"f".repeat(40)}`,
    ]);
  });

  it("ignores closed pull requests, also on a late review trigger", async () => {
    await receive("pull_request", pullRequestPayload("closed"));
    await receive("pull_request", pullRequestPayload("synchronize", { state: "closed" }));
    expect(await queue.getJobs()).toEqual([]);
    expect(logLines.filter((line) => line.msg === "ignored: pull request is closed")).toHaveLength(1);
    expect(gh.requests).toEqual([]);
  });

  it("ignores pull_request actions that are not review triggers", async () => {
    await receive("pull_request", pullRequestPayload("labeled"));
    await receive("pull_request", pullRequestPayload("converted_to_draft"));
    expect(await queue.getJobs()).toEqual([]);
  });

  it("ignores other events", async () => {
    await receive("issues", webhookPayload("issues", "opened", { installationId: INSTALLATION_ID }));
    await receive("push", webhookPayload("push", undefined, { installationId: INSTALLATION_ID }));
    await receive("pull_request_review", webhookPayload("pull_request_review", "submitted", { installationId: INSTALLATION_ID }));
    expect(await queue.getJobs()).toEqual([]);
    expect(gh.requests).toEqual([]);
  });

  it("ignores a delivery without an installation, with a warning", async () => {
    await receive("pull_request", webhookPayload("pull_request", "opened", { patch: (p) => delete p.installation }));
    expect(await queue.getJobs()).toEqual([]);
    expect(logLines.find((line) => line.msg.startsWith("ignored: webhook carries no installation id"))).toBeDefined();
  });

  describe("over HTTP", () => {
    let server: Server;
    let url: string;

    beforeEach(async () => {
      server = await createWebServer({ probot, app: TEST_APP, queue, redis, webhookPath: "/api/github/webhooks" });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    const deliver = (body: string, signature: string) =>
      fetch(`${url}/api/github/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "pull_request",
          "x-github-delivery": randomUUID(),
          "x-hub-signature-256": signature,
        },
        body,
      });

    it("answers /healthz while Redis answers", async () => {
      const response = await fetch(`${url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("ok\n");
    });

    it("queues a signed delivery and refuses one with a wrong signature", async () => {
      const body = JSON.stringify(pullRequestPayload("opened"));
      const bad = await deliver(body, `sha256=${createHmac("sha256", "wrong-secret").update(body).digest("hex")}`);
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(await queue.getJobs()).toEqual([]);

      const good = await deliver(body, `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`);
      expect(good.status).toBe(200);
      expect(await queue.getJobs()).toHaveLength(1);
      expect(gh.requests).toEqual([]);
    });
  });
});

describe("webhook intake: the review-load report", () => {
  let redis: Redis;
  let queue: ReviewQueue;
  let reportQueue: ReportQueue;
  let probot: Probot;
  let gh: GitHubMock;

  beforeEach(async () => {
    gh = mockGitHub();
    redis = await connectRedis(inject("redisUrl"), { role: "producer" });
    const prefix = `test-${randomUUID()}`;
    queue = createReviewQueue(redis, { prefix, attempts: 2, backoffMs: 10 });
    reportQueue = createReportQueue(redis, { prefix });
    probot = new Probot({ appId: 1, privateKey, secret: WEBHOOK_SECRET, log: pino({ level: "silent" }) });
    await probot.load(createApp({ app: TEST_APP, queue, redis, reportQueue }));
  });

  afterEach(async () => {
    await Promise.all([queue.obliterate({ force: true }), reportQueue.obliterate({ force: true })]);
    await Promise.all([queue.close(), reportQueue.close()]);
    await redis.del(...(await redis.keys(`foureyes:report:${INSTALLATION_ID}:*`)), "none");
    await redis.quit();
    gh.close();
  });

  const receive = (name: string, payload: Payload) =>
    probot.receive({ id: randomUUID(), name, payload } as Parameters<Probot["receive"]>[0]);

  it("records pull request and review webhooks for the report, without a GitHub call", async () => {
    // The examples date from 2019; the record keeps only what is inside its retention.
    const now = new Date().toISOString();
    const opened = pullRequestPayload("opened");
    Object.assign(opened.pull_request, { created_at: now, updated_at: now });
    const review = webhookPayload("pull_request_review", "submitted", { installationId: INSTALLATION_ID });
    Object.assign(review.pull_request, { created_at: now, updated_at: now });
    review.review.submitted_at = now;
    await receive("pull_request", opened);
    await receive("pull_request_review", review);

    const pulls = await readRecordedPulls(redis, INSTALLATION_ID, { since: new Date(0) });
    expect(pulls.map((pull) => `${pull.repo}#${pull.number}`)).toContain("Codertocat/Hello-World#2");
    expect(pulls.find((pull) => pull.number === 2)?.reviews.length).toBeGreaterThan(0);
    expect(gh.requests).toEqual([]);
  });

  it("schedules the weekly report when the app is installed and removes it when uninstalled", async () => {
    const created = webhookPayload("installation", "created");
    await receive("installation", created);
    expect((await reportQueue.getJobSchedulers()).map((s) => s.key)).toEqual([`report:${created.installation.id}`]);

    const deleted = webhookPayload("installation", "deleted");
    deleted.installation.id = created.installation.id;
    await receive("installation", deleted);
    expect(await reportQueue.getJobSchedulers()).toEqual([]);
  });
});

describe("webhook intake: slash commands", () => {
  let redis: Redis;
  let queue: ReviewQueue;
  let commandQueue: CommandQueue;
  let probot: Probot;
  let gh: GitHubMock;
  let logLines: { msg: string; [key: string]: unknown }[];

  beforeEach(async () => {
    gh = mockGitHub();
    redis = await connectRedis(inject("redisUrl"), { role: "producer" });
    const prefix = `test-${randomUUID()}`;
    queue = createReviewQueue(redis, { prefix, attempts: 2, backoffMs: 10 });
    commandQueue = createCommandQueue(redis, { prefix });
    logLines = [];
    const log = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
    probot = new Probot({ appId: 1, privateKey, secret: WEBHOOK_SECRET, log });
    await probot.load(createApp({ app: TEST_APP, queue, commandQueue }));
  });

  afterEach(async () => {
    await Promise.all([queue.obliterate({ force: true }), commandQueue.obliterate({ force: true })]);
    await Promise.all([queue.close(), commandQueue.close()]);
    await redis.quit();
    gh.close();
  });

  const receive = (payload: Payload, id: string = randomUUID()) =>
    probot.receive({ id, name: "issue_comment", payload } as Parameters<Probot["receive"]>[0]);

  /** The recorded issue_comment.created example, on a pull request unless `onIssue`, with the sender's type set. */
  function commentPayload(body: string, options: { onIssue?: boolean; senderType?: "User" | "Bot"; commentId?: number } = {}): Payload {
    return webhookPayload("issue_comment", "created", {
      installationId: INSTALLATION_ID,
      commentBody: body,
      patch: (payload: Payload) => {
        const { owner, name } = payload.repository;
        if (!options.onIssue) {
          payload.issue.pull_request = { url: `https://api.github.com/repos/${owner.login}/${name}/pulls/${payload.issue.number}` };
        }
        payload.sender.type = options.senderType ?? "User";
        if (options.commentId !== undefined) payload.comment.id = options.commentId;
      },
    });
  }

  it("/foureyes review on a pull request queues one command job, with no GitHub call", async () => {
    const payload = commentPayload("Thanks!\n/foureyes review");
    await receive(payload, "delivery-c1");

    const jobs = await commandQueue.getJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.id).toBe(`Codertocat/Hello-World#1/comment-${payload.comment.id}`);
    expect(jobs[0]?.data).toEqual({
      installationId: INSTALLATION_ID,
      owner: "Codertocat",
      repo: "Hello-World",
      pullNumber: 1,
      commentId: payload.comment.id,
      sender: payload.sender.login,
      commands: [{ name: "review" }],
      where: "conversation",
      deliveryId: "delivery-c1",
    });
    expect(await queue.getJobs()).toEqual([]);
    expect(logLines.map((line) => line.msg)).toContain("command queued");
    expect(gh.requests).toEqual([]);
  });

  it("a redelivered comment still makes one job", async () => {
    const payload = commentPayload("/foureyes review");
    await receive(payload, "delivery-c1");
    await receive(payload, "delivery-c2");
    expect(await commandQueue.getJobs()).toHaveLength(1);
    expect(logLines.filter((line) => line.msg === "not queued: this comment already has a job")).toHaveLength(1);
    expect(gh.requests).toEqual([]);
  });

  it("/foureyes help and unknown commands are queued too (the worker answers them)", async () => {
    await receive(commentPayload("/foureyes", { commentId: 11 }));
    await receive(commentPayload("/foureyes approve", { commentId: 12 }));
    const jobs = await commandQueue.getJobs();
    expect(Object.fromEntries(jobs.map((job) => [(job.data as CommandJobData).commentId, (job.data as CommandJobData).commands.map((command) => command.name)]))).toEqual({ 11: ["help"], 12: ["unknown"] });
    expect(gh.requests).toEqual([]);
  });

  it("one comment with several commands is one job that holds each command once, in order", async () => {
    await receive(commentPayload("/foureyes pause\n\nSome words.\n\n/foureyes ask Is the lock held here?\n/foureyes pause\n/foureyes review", { commentId: 13 }));
    const jobs = await commandQueue.getJobs();
    expect(jobs.map((job) => (job.data as CommandJobData).commands)).toEqual([[{ name: "pause" }, { name: "ask", question: "Is the lock held here?" }, { name: "review" }]]);
    expect(gh.requests).toEqual([]);
  });

  it("a reply in a review thread is a command too, naming the thread's first comment; bots there are ignored", async () => {
    const reviewComment = (body: string, patch: (payload: Payload) => void = () => undefined) =>
      webhookPayload("pull_request_review_comment", "created", {
        installationId: INSTALLATION_ID,
        commentBody: body,
        patch: (payload: Payload) => {
          payload.comment.in_reply_to_id = 4242;
          patch(payload);
        },
      });
    const payload = reviewComment("/foureyes forget");
    await probot.receive({ id: "delivery-t1", name: "pull_request_review_comment", payload } as Parameters<Probot["receive"]>[0]);
    const bot = reviewComment("/foureyes review", (botPayload) => {
      botPayload.comment.id += 1;
      botPayload.sender.type = "Bot";
    });
    await probot.receive({ id: "delivery-t2", name: "pull_request_review_comment", payload: bot } as Parameters<Probot["receive"]>[0]);

    const jobs = await commandQueue.getJobs();
    expect(jobs.map((job) => job.id)).toEqual([`Codertocat/Hello-World#${payload.pull_request.number}/review-comment-${payload.comment.id}`]);
    expect(jobs[0]?.data).toMatchObject({ commands: [{ name: "forget" }], where: "review-thread", inReplyTo: 4242, pullNumber: payload.pull_request.number });
    expect(gh.requests).toEqual([]);
  });

  it("ignores bots, comments on plain issues and comments without a command a reader can see", async () => {
    await receive(commentPayload("/foureyes review", { senderType: "Bot" }));
    await receive(commentPayload("/foureyes review", { onIssue: true }));
    await receive(commentPayload("Please run /foureyes review again"));
    await receive(commentPayload("> /foureyes review\n\nwhy?"));
    await receive(commentPayload("Thanks!\n\n<!--\n/foureyes review\n-->"));
    expect(await commandQueue.getJobs()).toEqual([]);
    expect(gh.requests).toEqual([]);
  });

  it("a closed pull request and a resolved review thread each queue one learn job, with no GitHub call", async () => {
    const closed = webhookPayload("pull_request", "closed", { installationId: INSTALLATION_ID });
    await probot.receive({ id: "delivery-l1", name: "pull_request", payload: closed } as Parameters<Probot["receive"]>[0]);
    const resolved = webhookPayload("pull_request_review_thread", "resolved", { installationId: INSTALLATION_ID });
    await probot.receive({ id: "delivery-l2", name: "pull_request_review_thread", payload: resolved } as Parameters<Probot["receive"]>[0]);

    const jobs = await commandQueue.getJobs();
    expect(jobs.map((job) => job.name)).toEqual(["learn-from-team", "learn-from-team"]);
    expect(jobs.map((job) => job.data).sort((a, b) => a.pullNumber - b.pullNumber)).toEqual([
      expect.objectContaining({ pullNumber: closed.pull_request.number, authorLogin: closed.pull_request.user.login, trigger: { kind: "closed" } }),
      expect.objectContaining({
        pullNumber: resolved.pull_request.number,
        trigger: { kind: "thread-resolved", commentId: resolved.thread.comments[0]?.id, resolvedBy: resolved.sender?.login },
      }),
    ]);
    expect(gh.requests).toEqual([]);
  });

  it("ignores edited and deleted comments", async () => {
    for (const action of ["edited", "deleted"]) {
      const payload = webhookPayload("issue_comment", action, { installationId: INSTALLATION_ID, commentBody: "/foureyes review" });
      (payload as Payload).issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1" };
      await receive(payload);
    }
    expect(await commandQueue.getJobs()).toEqual([]);
  });
});

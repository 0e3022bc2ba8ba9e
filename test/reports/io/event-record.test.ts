// The review-load event record on a real Redis, fed with recorded webhook
// payloads: folding into PullRecords, idempotence under redelivery, out-of-order
// deliveries, foureyes' own reviews, retention, key prefixes that keep two
// deployments on one Redis apart, and the thin Probot handler.

import { generateKeyPairSync, randomInt, randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { pino } from "pino";
import { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../../queues/connection.js";
import { readRecordedPulls } from "../../../src/reports/record/read-recorded-pulls.js";
import { pullIndexKey, pullKey } from "../../../src/reports/record/record-keys.js";
import { recordReportEvent } from "../../../src/reports/record/record-report-event.js";
import { registerReportEventHandlers } from "../../../src/reports/record/register-report-event-handlers.js";
import { pullRecordSchema } from "../../../src/reports/types.js";
import { TEST_APP } from "../../helpers/app-identity.js";
import { mockGitHub } from "../../helpers/github-mock.js";
import { webhookPayload } from "../../helpers/webhook-payloads.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the examples' JSON, patched per test
type Payload = any;

const REPO = "Codertocat/Hello-World";
const SINCE = new Date("2019-01-01T00:00:00Z");
const NOW = new Date("2019-06-01T00:00:00Z");

function pullEvent(action: string, updatedAt: string, patch: (pr: Payload) => void = () => {}): Payload {
  return webhookPayload("pull_request", action, {
    patch: (payload) => {
      const pr = payload.pull_request as Payload;
      pr.updated_at = updatedAt;
      patch(pr);
    },
  });
}

function reviewEvent(action: "submitted" | "dismissed", fields: { id?: number; state?: string; submittedAt?: string; body?: string | null; login?: string; type?: string } = {}): Payload {
  return webhookPayload("pull_request_review", action, {
    patch: (payload) => {
      const review = payload.review as Payload;
      if (fields.id !== undefined) review.id = fields.id;
      if (fields.state !== undefined) review.state = fields.state;
      if (fields.submittedAt !== undefined) {
        review.submitted_at = fields.submittedAt;
        (payload.pull_request as Payload).updated_at = fields.submittedAt;
      }
      if (fields.body !== undefined) review.body = fields.body;
      if (fields.login !== undefined) review.user.login = fields.login;
      if (fields.type !== undefined) review.user.type = fields.type;
    },
  });
}

describe("review-load event record", () => {
  let redis: Redis;
  const ids: number[] = [];
  const prefixes: string[] = [];
  const newPrefix = () => {
    const prefix = `test-${randomUUID()}`;
    prefixes.push(prefix);
    return prefix;
  };
  const newInstallation = () => {
    const id = randomInt(1_000_000, 2_000_000_000);
    ids.push(id);
    return id;
  };

  beforeAll(async () => {
    redis = await connectRedis(inject("redisUrl"), { role: "producer" });
  });

  afterAll(async () => {
    for (const id of ids) {
      const keys = await redis.keys(`foureyes:report:${id}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis.quit();
  });

  const record = (installationId: number, name: string, payload: Payload, options = {}) =>
    recordReportEvent(redis, { installationId, name, payload, deliveryId: randomUUID() }, { now: NOW, ...options });

  it("folds a pull request's life into one PullRecord", async () => {
    const id = newInstallation();
    await record(id, "pull_request", pullEvent("opened", "2019-05-15T15:20:33Z", (pr) => (pr.draft = true)));
    await record(id, "pull_request", pullEvent("ready_for_review", "2019-05-15T15:30:00Z"));
    await record(id, "pull_request", pullEvent("review_requested", "2019-05-15T15:31:00Z"));
    await record(id, "pull_request", pullEvent("synchronize", "2019-05-15T15:40:00Z", (pr) => {
      pr.additions = 120;
      pr.deletions = 30;
    }));
    await record(id, "pull_request_review", reviewEvent("submitted", { id: 11, state: "approved", submittedAt: "2019-05-15T16:00:00Z", body: "Looks right." }));
    await record(id, "pull_request", pullEvent("closed", "2019-05-15T16:05:00Z", (pr) => {
      pr.merged = true;
      pr.merged_at = "2019-05-15T16:05:00Z";
      pr.closed_at = "2019-05-15T16:05:00Z";
      pr.additions = 120;
      pr.deletions = 30;
    }));

    const pulls = await readRecordedPulls(redis, id, { since: SINCE });
    expect(pulls).toHaveLength(1);
    const pull = pulls[0]!;
    expect(pullRecordSchema.safeParse(pull).success).toBe(true);
    expect(pull).toMatchObject({
      repo: REPO,
      number: 2,
      url: "https://github.com/Codertocat/Hello-World/pull/2",
      author: { login: "Codertocat", type: "User" },
      createdAt: "2019-05-15T15:20:33.000Z",
      readyForReviewAt: "2019-05-15T15:30:00.000Z",
      reviewRequestedAt: ["2019-05-15T15:31:00.000Z"],
      firstReviewRequestedAt: "2019-05-15T15:31:00.000Z",
      mergedAt: "2019-05-15T16:05:00.000Z",
      state: "merged",
      draft: false,
      additions: 120,
      deletions: 30,
      coAuthors: [],
    });
    expect(pull.reviews).toEqual([
      {
        id: "11",
        author: { login: "Codertocat", type: "User" },
        state: "APPROVED",
        submittedAt: "2019-05-15T16:00:00.000Z",
        commentCount: 1,
        dismissed: false,
        isFoureyes: false,
      },
    ]);
  });

  it("gives the same record when every webhook is delivered twice", async () => {
    const once = newInstallation();
    const twice = newInstallation();
    const events: [string, Payload][] = [
      ["pull_request", pullEvent("opened", "2019-05-15T15:20:33Z")],
      ["pull_request", pullEvent("review_requested", "2019-05-15T15:21:00Z")],
      ["pull_request_review", reviewEvent("submitted", { id: 5, state: "commented", submittedAt: "2019-05-15T15:25:00Z" })],
      ["pull_request_review", reviewEvent("dismissed", { id: 5, state: "dismissed", submittedAt: "2019-05-15T15:25:00Z" })],
    ];
    for (const [name, payload] of events) await record(once, name, payload);
    for (const [name, payload] of [...events, ...events]) await record(twice, name, payload);
    const a = await readRecordedPulls(redis, once, { since: SINCE });
    const b = await readRecordedPulls(redis, twice, { since: SINCE });
    expect(b).toEqual(a);
    expect(a[0]!.reviewRequestedAt).toHaveLength(1);
    expect(a[0]!.reviews).toHaveLength(1);
    expect(await redis.hgetall(pullKey(twice, `${REPO}#2`))).toEqual(await redis.hgetall(pullKey(once, `${REPO}#2`)));
  });

  it("keeps the newest pull request state when webhooks arrive out of order", async () => {
    const id = newInstallation();
    const closed = pullEvent("closed", "2019-05-15T16:05:00Z", (pr) => {
      pr.state = "closed";
      pr.closed_at = "2019-05-15T16:05:00Z";
    });
    await record(id, "pull_request", closed);
    await record(id, "pull_request", pullEvent("opened", "2019-05-15T15:20:33Z"));
    const [pull] = await readRecordedPulls(redis, id, { since: SINCE });
    expect(pull!.state).toBe("closed");
    expect(pull!.closedAt).toBe("2019-05-15T16:05:00.000Z");

    // Reopened later: open again (closedAt kept, ignored by the metrics while open).
    await record(id, "pull_request", pullEvent("reopened", "2019-05-16T09:00:00Z", (pr) => (pr.state = "open")));
    const [reopened] = await readRecordedPulls(redis, id, { since: SINCE });
    expect(reopened!.state).toBe("open");
  });

  it("marks a dismissed approval as dismissed, also when the dismissal comes first", async () => {
    const id = newInstallation();
    await record(id, "pull_request_review", reviewEvent("dismissed", { id: 9, state: "dismissed", submittedAt: "2019-05-15T15:30:00Z" }));
    await record(id, "pull_request_review", reviewEvent("submitted", { id: 9, state: "approved", submittedAt: "2019-05-15T15:30:00Z" }));
    const [pull] = await readRecordedPulls(redis, id, { since: SINCE });
    expect(pull!.reviews).toEqual([expect.objectContaining({ id: "9", state: "APPROVED", dismissed: true })]);
  });

  it("counts a review as foureyes' only when foureyes' account wrote it, whatever the body says", async () => {
    const id = newInstallation();
    const marker = `<!-- foureyes:head=${"a".repeat(40)} -->`;
    const options = { app: TEST_APP };
    await record(id, "pull_request_review", reviewEvent("submitted", { id: 1, submittedAt: "2019-05-15T15:30:00Z", body: `Advisory.\n${marker}`, login: "some-app[bot]", type: "Bot" }), options);
    await record(id, "pull_request_review", reviewEvent("submitted", { id: 2, submittedAt: "2019-05-15T15:31:00Z", body: "", login: TEST_APP.login, type: "Bot" }), options);
    // The attack: a person's COMMENT review carrying the marker, to vanish from the human review figures.
    await record(id, "pull_request_review", reviewEvent("submitted", { id: 3, state: "commented", submittedAt: "2019-05-15T15:32:00Z", body: `Fine.\n${marker}`, login: "octocat", type: "User" }), options);
    const [pull] = await readRecordedPulls(redis, id, { since: SINCE });
    expect(pull!.reviews.map((review) => [review.id, review.isFoureyes, review.author.login])).toEqual([
      ["1", false, "some-app[bot]"],
      ["2", true, TEST_APP.login],
      ["3", false, "octocat"],
    ]);
  });

  it("goes by the head marker only where foureyes' account is unknown", async () => {
    const id = newInstallation();
    await record(id, "pull_request_review", reviewEvent("submitted", {
      id: 1,
      submittedAt: "2019-05-15T15:30:00Z",
      body: `Advisory review.\n<!-- foureyes:head=${"a".repeat(40)} -->`,
      login: "some-app[bot]",
      type: "Bot",
    }));
    await record(id, "pull_request_review", reviewEvent("submitted", { id: 3, submittedAt: "2019-05-15T15:32:00Z", body: "Mentions foureyes:head but is a person" }));
    const [pull] = await readRecordedPulls(redis, id, { since: SINCE });
    expect(pull!.reviews.map((review) => [review.id, review.isFoureyes, review.author.type])).toEqual([
      ["1", true, "Bot"],
      ["3", false, "User"],
    ]);
  });

  it("ignores actions the report does not count", async () => {
    const id = newInstallation();
    expect(await record(id, "pull_request", pullEvent("labeled", "2019-05-15T15:20:35Z"))).toEqual({ recorded: false });
    expect(await record(id, "issues", webhookPayload("issues", "opened"))).toEqual({ recorded: false });
    expect(await readRecordedPulls(redis, id, { since: SINCE })).toEqual([]);
  });

  it("reads a window by last event and one repository", async () => {
    const id = newInstallation();
    await record(id, "pull_request", pullEvent("opened", "2019-05-01T10:00:00Z", (pr) => (pr.number = 1)));
    await record(id, "pull_request", pullEvent("opened", "2019-05-20T10:00:00Z", (pr) => (pr.number = 3)));
    const other = pullEvent("opened", "2019-05-21T10:00:00Z");
    other.repository.full_name = "octo-org/other";
    await record(id, "pull_request", other);

    const recent = await readRecordedPulls(redis, id, { since: new Date("2019-05-10T00:00:00Z") });
    expect(recent.map((pull) => `${pull.repo}#${pull.number}`)).toEqual(["Codertocat/Hello-World#3", "octo-org/other#2"]);
    const one = await readRecordedPulls(redis, id, { since: SINCE, repo: REPO });
    expect(one.map((pull) => pull.number)).toEqual([1, 3]);
  });

  it("keeps two key prefixes apart: neither reads the other's record, nor the default's", async () => {
    const id = newInstallation();
    const [a, b] = [newPrefix(), newPrefix()];
    await record(id, "pull_request", pullEvent("opened", "2019-05-15T15:20:33Z"), { keyPrefix: a });
    await record(id, "pull_request", pullEvent("opened", "2019-05-15T15:20:33Z", (pr) => (pr.number = 5)), { keyPrefix: b });
    await record(id, "pull_request_review", reviewEvent("submitted", { id: 7, state: "approved", submittedAt: "2019-05-15T16:00:00Z" }), { keyPrefix: b });

    const inA = await readRecordedPulls(redis, id, { since: SINCE, keyPrefix: a });
    const inB = await readRecordedPulls(redis, id, { since: SINCE, keyPrefix: b });
    expect(inA.map((pull) => [pull.number, pull.reviews.length])).toEqual([[2, 0]]);
    expect(inB.map((pull) => [pull.number, pull.reviews.length])).toEqual([
      [2, 1],
      [5, 0],
    ]);
    expect(await readRecordedPulls(redis, id, { since: SINCE })).toEqual([]);
    // Every key the record wrote starts with its prefix.
    expect((await redis.keys(`${a}:*`)).sort()).toEqual([`${a}:report:${id}:${REPO}#2`, `${a}:report:${id}:pulls`]);
    expect(await redis.keys(`foureyes:report:${id}:*`)).toEqual([]);
  });

  it("refuses an empty key prefix", async () => {
    await expect(record(newInstallation(), "pull_request", pullEvent("opened", "2019-05-15T15:20:33Z"), { keyPrefix: " " })).rejects.toThrow(
      /key prefix must not be empty \(check FOUREYES_QUEUE_PREFIX\)/,
    );
  });

  it("drops pull requests older than the retention and lets their hashes expire", async () => {
    const id = newInstallation();
    await record(id, "pull_request", pullEvent("opened", "2019-01-02T10:00:00Z", (pr) => (pr.number = 1)));
    await record(id, "pull_request", pullEvent("opened", "2019-05-20T10:00:00Z", (pr) => (pr.number = 3)), { retentionDays: 30 });
    expect(await redis.zrange(pullIndexKey(id), 0, -1)).toEqual([`${REPO}#3`]);
    const ttl = await redis.ttl(pullKey(id, `${REPO}#3`));
    expect(ttl).toBeGreaterThan(29 * 86_400);
    expect(ttl).toBeLessThanOrEqual(30 * 86_400);
  });
});

describe("registerReportEventHandlers", () => {
  it("records through Probot, under the deployment's key prefix, without a single GitHub request", async () => {
    const gh = mockGitHub();
    const redis = await connectRedis(inject("redisUrl"), { role: "producer" });
    const installationId = randomInt(1_000_000, 2_000_000_000);
    const keyPrefix = `test-${randomUUID()}`;
    try {
      const { privateKey } = generateKeyPairSync("rsa", {
        modulusLength: 2048,
        privateKeyEncoding: { type: "pkcs1", format: "pem" },
        publicKeyEncoding: { type: "spki", format: "pem" },
      });
      const probot = new Probot({ appId: 1, privateKey, secret: "s", log: pino({ level: "silent" }) });
      await probot.load((app: Probot) => registerReportEventHandlers(app, { redis, keyPrefix, app: TEST_APP }));
      // Recent, or the retention would drop it at once.
      const recent = new Date(Date.now() - 60_000).toISOString();
      const payload = webhookPayload("pull_request", "review_requested", {
        installationId,
        patch: (body) => ((body.pull_request as Payload).updated_at = recent),
      });
      const id = randomUUID();
      await probot.receive({ id, name: "pull_request", payload } as Parameters<Probot["receive"]>[0]);
      await probot.receive({ id, name: "pull_request", payload } as Parameters<Probot["receive"]>[0]);
      const pulls = await readRecordedPulls(redis, installationId, { since: SINCE, keyPrefix });
      expect(pulls.map((pull) => [pull.number, pull.reviewRequestedAt.length])).toEqual([[2, 1]]);
      expect(await readRecordedPulls(redis, installationId, { since: SINCE })).toEqual([]);
      expect(gh.requests).toEqual([]);
    } finally {
      const keys = await redis.keys(`${keyPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      gh.close();
    }
  });
});

// The weekly report's job schedulers on a real Redis: exactly one per
// installation even when two app instances start at once, kept across
// restarts, moved by the configured cron, and following installation webhooks.

import { generateKeyPairSync, randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { REPORT_JOB_NAME } from "../../src/reports/report-job.js";
import { createReportQueue, type ReportQueue } from "../../src/reports/report-queue.js";
import {
  ensureReportSchedule,
  ensureReportSchedules,
  registerReportScheduleHandlers,
  reportSchedulerId,
} from "../../src/reports/report-schedules.js";
import { mockGitHub } from "../helpers/github-mock.js";
import { webhookPayload } from "../helpers/webhook-payloads.js";

describe("report schedules", () => {
  let prefix: string;
  let connections: Redis[];
  let queues: ReportQueue[];

  const openQueue = async (): Promise<ReportQueue> => {
    const redis = await connectRedis(inject("redisUrl"), { role: "worker" });
    const queue = createReportQueue(redis, { prefix });
    connections.push(redis);
    queues.push(queue);
    return queue;
  };

  beforeEach(() => {
    prefix = `test-${randomUUID()}`;
    connections = [];
    queues = [];
  });

  afterEach(async () => {
    await queues[0]?.obliterate({ force: true });
    for (const queue of queues) await queue.close();
    for (const redis of connections) await redis.quit();
  });

  it("makes exactly one schedule per installation when two instances start at once", async () => {
    const [a, b] = [await openQueue(), await openQueue()];
    const installations = [{ installationId: 11, account: "acme" }, { installationId: 12 }];
    await Promise.all([ensureReportSchedules(a, installations), ensureReportSchedules(b, installations), ensureReportSchedules(a, installations)]);

    const schedulers = await a.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual([reportSchedulerId(11), reportSchedulerId(12)]);
    expect(schedulers.find((scheduler) => scheduler.key === "report:11")).toMatchObject({
      name: REPORT_JOB_NAME,
      pattern: "0 7 * * 1",
      tz: "Europe/Berlin",
      template: { data: { installationId: 11, account: "acme" } },
    });
    // One delayed job per scheduler: the next Monday 07:00, not one per instance.
    expect(await b.getJobCounts("delayed")).toEqual({ delayed: 2 });
  });

  it("moves to the configured cron, and a restart without config keeps it", async () => {
    const queue = await openQueue();
    await ensureReportSchedule(queue, { installationId: 21 });
    await ensureReportSchedule(queue, { installationId: 21, cron: "30 6 * * 2", timezone: "America/New_York" });
    await ensureReportSchedules(queue, [{ installationId: 21 }]); // a restart
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: "report:21", pattern: "30 6 * * 2", tz: "America/New_York" });
    expect(await queue.getJobCounts("delayed")).toEqual({ delayed: 1 });
  });

  it("creates the schedule on installation.created and removes it on installation.deleted, without calling GitHub", async () => {
    const gh = mockGitHub();
    try {
      const queue = await openQueue();
      const { privateKey } = generateKeyPairSync("rsa", {
        modulusLength: 2048,
        privateKeyEncoding: { type: "pkcs1", format: "pem" },
        publicKeyEncoding: { type: "spki", format: "pem" },
      });
      const probot = new Probot({ appId: 1, privateKey, secret: "s", log: pino({ level: "silent" }) });
      await probot.load((app: Probot) => registerReportScheduleHandlers(app, { queue }));
      const receive = (action: string) =>
        probot.receive({ id: randomUUID(), name: "installation", payload: webhookPayload("installation", action) } as Parameters<Probot["receive"]>[0]);

      await receive("created");
      await receive("created"); // redelivered
      const created = webhookPayload("installation", "created");
      expect((await queue.getJobSchedulers()).map((scheduler) => scheduler.key)).toEqual([reportSchedulerId(created.installation.id)]);

      const deleted = webhookPayload("installation", "deleted");
      await ensureReportSchedule(queue, { installationId: deleted.installation.id });
      await receive("deleted");
      const left = (await queue.getJobSchedulers()).map((scheduler) => scheduler.key);
      expect(left).not.toContain(reportSchedulerId(deleted.installation.id));
      expect(gh.requests).toEqual([]);
    } finally {
      gh.close();
    }
  });
});

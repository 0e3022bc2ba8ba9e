// The report queue: one job per installation and week, put there by the
// installation's BullMQ job scheduler (report-scheduler.ts). Its data schema
// guards the queue boundary.

import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";

export const REPORT_QUEUE_NAME = "report";
export const REPORT_JOB_NAME = "weekly-review-load-report";

export const reportJobSchema = z.object({
  installationId: z.number().int().positive(),
  /** The installation's account login, the scope of an installation-wide report. */
  account: z.string().min(1).optional(),
});
export type ReportJobData = z.infer<typeof reportJobSchema>;

export interface ReportJobResult {
  reports: { target: string; issue: number; action: "created" | "updated" | "unchanged"; repos: number }[];
  skipped: number;
}

export type ReportQueue = Queue<ReportJobData, ReportJobResult, string>;

export function createReportQueue(connection: Redis, options: { prefix?: string } = {}): ReportQueue {
  return new Queue<ReportJobData, ReportJobResult, string>(REPORT_QUEUE_NAME, {
    connection,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    defaultJobOptions: {
      // GitHub may be down at 07:00; a few tries over an hour or so, then it waits for next week.
      attempts: 5,
      backoff: { type: "exponential", delay: 60_000, jitter: 0.2 },
      removeOnComplete: { count: 200, age: 90 * 24 * 3600 },
      removeOnFail: { count: 500, age: 90 * 24 * 3600 },
    },
  });
}

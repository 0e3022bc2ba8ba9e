// The report job: one installation's weekly report run, put on the report
// queue by the installation's job scheduler (report-schedules.ts). Its data
// schema guards the queue boundary.

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

// One BullMQ job scheduler per installation for the weekly report. Its id is
// derived from the installation, and upsertJobScheduler is idempotent per id
// (an atomic script in Redis), so several app instances starting at once, a
// redelivered installation webhook, or a changed cron all end with exactly one
// schedule. Created on installation.created and at start-up, removed on
// installation.deleted; the report worker moves it when the config changes.

import type { Probot } from "probot";

import { DEFAULT_REPORT_OPTIONS } from "../config/report-options.js";
import { listInstallations } from "../github/list-installations.js";
import type { GitHubClient } from "../github/octokit.js";
import { REPORT_JOB_NAME, type ReportJobData } from "./report-job.js";
import type { ReportQueue } from "./report-queue.js";

export interface ReportSchedule {
  installationId: number;
  account?: string;
  /** Five-field cron in `timezone`; default "0 7 * * 1" (Monday 07:00). */
  cron?: string;
  /** IANA time zone; default "Europe/Berlin". */
  timezone?: string;
}

export function reportSchedulerId(installationId: number): string {
  return `report:${installationId}`;
}

/**
 * Without cron and time zone: creates the installation's schedule with the
 * defaults unless it has one (so a restart keeps a configured cron). With
 * them: creates or moves it (the report worker, after reading the config).
 */
export async function ensureReportSchedule(queue: ReportQueue, schedule: ReportSchedule): Promise<void> {
  const configured = schedule.cron !== undefined || schedule.timezone !== undefined;
  if (!configured && (await queue.getJobScheduler(reportSchedulerId(schedule.installationId)))) return;
  const data: ReportJobData = {
    installationId: schedule.installationId,
    ...(schedule.account ? { account: schedule.account } : {}),
  };
  await queue.upsertJobScheduler(
    reportSchedulerId(schedule.installationId),
    { pattern: schedule.cron ?? DEFAULT_REPORT_OPTIONS.cron, tz: schedule.timezone ?? DEFAULT_REPORT_OPTIONS.timezone },
    { name: REPORT_JOB_NAME, data },
  );
}

/** At start-up: one schedule for each existing installation. */
export async function ensureReportSchedules(queue: ReportQueue, installations: readonly ReportSchedule[]): Promise<void> {
  for (const installation of installations) await ensureReportSchedule(queue, installation);
}

/** The app's installations (an app-authenticated Octokit: Probot's `auth()` without an id), for start-up. */
export async function listInstallationSchedules(appOctokit: GitHubClient): Promise<ReportSchedule[]> {
  return listInstallations(appOctokit);
}

export async function removeReportSchedule(queue: ReportQueue, installationId: number): Promise<boolean> {
  return queue.removeJobScheduler(reportSchedulerId(installationId));
}

/** Whether the installation's schedule already has this cron and time zone. */
export async function hasReportSchedule(queue: ReportQueue, schedule: Required<Pick<ReportSchedule, "installationId" | "cron" | "timezone">>): Promise<boolean> {
  const current = await queue.getJobScheduler(reportSchedulerId(schedule.installationId));
  return current?.pattern === schedule.cron && current?.tz === schedule.timezone;
}

/**
 * installation.created → a schedule with the defaults (the handler reads no
 * config; the first report run moves it to the configured cron); installation.deleted → removed.
 */
export function registerReportScheduleHandlers(app: Probot, deps: { queue: ReportQueue }): void {
  app.on("installation.created", async (context) => {
    const { id, account } = context.payload.installation;
    const login = account && "login" in account ? account.login : undefined;
    await ensureReportSchedule(deps.queue, { installationId: id, ...(login ? { account: login } : {}) });
    context.log.info({ installation: id }, "weekly report scheduled");
  });
  app.on("installation.deleted", async (context) => {
    const { id } = context.payload.installation;
    await removeReportSchedule(deps.queue, id);
    context.log.info({ installation: id }, "weekly report schedule removed");
  });
}

// The report job processor: one job = one installation's weekly report run.
// It lists the installation's repositories, reads each one's `reports`
// settings, groups repositories that report into the same issue, and hands
// each group to runWeeklyReport. Afterwards it moves the installation's
// schedule when the configured cron or time zone changed.
//
// The schedule's cron and time zone come from the one repository when the
// installation has one, else from the account's `.github` repository (the
// usual home of organisation-wide settings), else the defaults.

import type { Job } from "bullmq";

import { parseJobData } from "../../queues/parse-job-data.js";
import { stopRetryingBugs } from "../../queues/stop-retrying-bugs.js";
import type { AuditLog } from "../audit/create-audit-log.js";
import { DEFAULT_REPORT_OPTIONS, type ReportOptions } from "../config/report-options.js";
import type { AppIdentity } from "../core/app-identity.js";
import { countOf } from "../core/count-of.js";
import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import { AdvisoryViolationError } from "../github/errors.js";
import { listInstallationRepositories } from "../github/list-installation-repositories.js";
import type { GitHubClient } from "../github/octokit.js";
import { readRepoConfig } from "../github/read-repo-config.js";
import { groupByTarget } from "./group-reports-by-target.js";
import { type ReportJobResult, reportJobSchema } from "./report-job.js";
import type { ReportQueue } from "./report-queue.js";
import { ensureReportSchedule, hasReportSchedule } from "./report-schedules.js";
import { runWeeklyReport } from "./run-report.js";

export interface ReportProcessorDeps {
  /** An Octokit authenticated as the installation (Probot's `auth(installationId)`). */
  getOctokit(installationId: number): Promise<GitHubClient>;
  /** The event record; without it the reports come from the backfill alone. */
  redis?: RedisClient;
  /** First part of the event record's keys (default "foureyes"): FOUREYES_QUEUE_PREFIX, as the web process writes them. */
  keyPrefix?: string;
  /** To move the schedule when the config's cron or time zone changed. */
  queue?: ReportQueue;
  /** foureyes' own account (read once at start): its reviews, and the only author of report issues it updates. */
  app: AppIdentity;
  logger: Logger;
  now?: () => Date;
  /** The audit trail: one report.published record per issue written. */
  audit?: AuditLog;
}

export type ReportJob = Job<unknown, ReportJobResult>;

export function createReportProcessor(deps: ReportProcessorDeps): (job: ReportJob) => Promise<ReportJobResult> {
  return async (job) => {
    const { installationId, account } = parseJobData(reportJobSchema, job, "report job");
    const log = deps.logger.child({ job: job.id, installation: installationId });
    const now = deps.now?.() ?? new Date();

    // 1. The installation's repositories and their settings
    const octokit = await deps.getOctokit(installationId);
    const settings = await readReportSettings(octokit, log);
    const enabled = [...settings].filter(([, options]) => options.enabled);

    // 2. One report per target issue
    const result: ReportJobResult = { reports: [], skipped: settings.size - enabled.length };
    const failures: string[] = [];
    for (const group of groupByTarget(enabled)) {
      try {
        const outcome = await runWeeklyReport({
          octokit,
          redis: deps.redis,
          keyPrefix: deps.keyPrefix,
          installationId,
          repos: group.repos,
          scope: group.repos.length === 1 ? group.repos[0] : (account ?? group.target.split("/")[0]),
          options: group.options,
          now,
          logger: log,
          app: deps.app,
        });
        const published = { target: outcome.target, issue: outcome.issue.number, action: outcome.issue.action, repos: group.repos.length };
        await deps.audit?.record(installationId, "report.published", { ...published, repo: outcome.target, reportedRepos: group.repos, week: outcome.report.window.label });
        result.reports.push(published);
      } catch (error) {
        // A write the advisory guard refused is a bug: the job fails now, without retries.
        if (error instanceof AdvisoryViolationError) throw stopRetryingBugs(error, log);
        log.warn({ target: group.target, repos: group.repos.length, err: error }, "review-load report failed");
        failures.push(`${group.target}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    // 3. Follow the configured schedule
    if (deps.queue) await followSchedule(deps.queue, settings, { installationId, account }, log);

    // Reruns are safe: every issue is updated in place.
    if (failures.length > 0) throw new Error(`${countOf(failures.length, "review-load report")} failed: ${failures.join("; ")}`);
    return result;
  };
}

/** Each repository's `reports` settings; a file that cannot be read keeps its repository out until it is fixed. */
async function readReportSettings(octokit: GitHubClient, log: Logger): Promise<Map<string, ReportOptions>> {
  const settings = new Map<string, ReportOptions>();
  for (const repository of await listInstallationRepositories(octokit)) {
    const read = await readRepoConfig(octokit, repository);
    if (read.halted) {
      // Its opt-outs (reports off, aggregate people) might be in the file: no report until it is fixed.
      log.warn({ repo: repository.fullName, problem: read.error }, "repo config cannot be read; no report on this repository until the file is fixed");
    } else if (read.error) {
      log.warn({ repo: repository.fullName, problem: read.error }, "repo config has invalid keys; they fall back, every other setting holds");
    }
    settings.set(repository.fullName, read.config.reports);
  }
  return settings;
}

async function followSchedule(
  queue: ReportQueue,
  settings: Map<string, ReportOptions>,
  installation: { installationId: number; account: string | undefined },
  log: Logger,
): Promise<void> {
  const { installationId, account } = installation;
  const schedule = scheduleOptions(settings, account);
  const wanted = { installationId, cron: schedule.cron, timezone: schedule.timezone };
  if (await hasReportSchedule(queue, wanted)) return;
  await ensureReportSchedule(queue, { ...wanted, ...(account ? { account } : {}) });
  log.info({ cron: schedule.cron, timezone: schedule.timezone }, "weekly report schedule moved to the configured time");
}

function scheduleOptions(settings: Map<string, ReportOptions>, account: string | undefined): ReportOptions {
  if (settings.size === 1) return [...settings.values()][0] as ReportOptions;
  const orgWide = account === undefined ? undefined : [...settings].find(([repo]) => repo.toLowerCase() === `${account.toLowerCase()}/.github`);
  return orgWide?.[1] ?? DEFAULT_REPORT_OPTIONS;
}

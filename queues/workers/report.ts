// The report job processor: one job = one installation's weekly report run.
// It lists the installation's repositories, reads each one's `reports`
// settings, groups repositories that report into the same issue, and hands
// each group to runWeeklyReport. Afterwards it moves the installation's
// schedule when the configured cron or time zone changed.
//
// Grouping: a repository without `reports.targetRepository` gets its own
// issue in itself. Repositories naming the same target (with the same people
// mode, time zone, week start and thresholds) share one installation-wide issue
// there. The schedule's cron and time zone come from the one repository when
// the installation has one, else from the account's `.github` repository
// (the usual home of organisation-wide settings), else the defaults.

import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { GitHubClient } from "../../src/github/octokit.js";
import type { Logger } from "../../src/logger.js";
import { readRepoConfig } from "../../src/github/read-repo-config.js";
import { DEFAULT_REPORT_OPTIONS, type ReportOptions } from "../../src/reports/report-options.js";
import { runWeeklyReport } from "../../src/reports/run-report.js";
import { REPORT_QUEUE_NAME, reportJobSchema, type ReportJobResult, type ReportQueue } from "../report-queue.js";
import { ensureReportSchedule, hasReportSchedule } from "../report-scheduler.js";

export interface ReportProcessorDeps {
  /** An Octokit authenticated as the installation (Probot's `auth(installationId)`). */
  getOctokit(installationId: number): Promise<GitHubClient>;
  /** The event record; without it the reports come from the backfill alone. */
  redis?: Redis;
  /** First part of the event record's keys (default "foureyes"): FOUREYES_QUEUE_PREFIX, as the web process writes them. */
  keyPrefix?: string;
  /** To move the schedule when the config's cron or time zone changed. */
  queue?: ReportQueue;
  /** The app's bot login, e.g. "foureyes[bot]". */
  appLogin?: string;
  logger: Logger;
  now?: () => Date;
}

export type ReportJob = Job<unknown, ReportJobResult>;

interface ReportGroup {
  target: string;
  repos: string[];
  options: ReportOptions;
}

export function createReportProcessor(deps: ReportProcessorDeps): (job: ReportJob) => Promise<ReportJobResult> {
  return async (job) => {
    const parsed = reportJobSchema.safeParse(job.data);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
      throw new UnrecoverableError(`invalid report job data: ${problems}`);
    }
    const { installationId, account } = parsed.data;
    const log = deps.logger.child({ job: job.id, installation: installationId });
    const now = deps.now?.() ?? new Date();

    // 1. The installation's repositories and their settings
    const octokit = await deps.getOctokit(installationId);
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    const settings = new Map<string, ReportOptions>();
    for (const repository of repositories) {
      if (repository.archived) continue;
      const read = await readRepoConfig(octokit, { owner: repository.owner.login, repo: repository.name });
      if (read.error) log.warn({ repo: repository.full_name, problem: read.error }, "invalid repo config; the report uses the default settings");
      settings.set(repository.full_name, read.config.reports);
    }
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
          appLogin: deps.appLogin,
        });
        result.reports.push({ target: outcome.target, issue: outcome.issue.number, action: outcome.issue.action, repos: group.repos.length });
      } catch (error) {
        log.warn({ target: group.target, repos: group.repos.length, err: error }, "review-load report failed");
        failures.push(`${group.target}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    // 3. Follow the configured schedule
    if (deps.queue) {
      const schedule = scheduleOptions(settings, account);
      const wanted = { installationId, cron: schedule.cron, timezone: schedule.timezone };
      if (!(await hasReportSchedule(deps.queue, wanted))) {
        await ensureReportSchedule(deps.queue, { ...wanted, ...(account ? { account } : {}) });
        log.info({ cron: schedule.cron, timezone: schedule.timezone }, "weekly report schedule moved to the configured time");
      }
    }

    // Reruns are safe: every issue is updated in place.
    if (failures.length > 0) throw new Error(`${failures.length} review-load report(s) failed: ${failures.join("; ")}`);
    return result;
  };
}

/** Repositories grouped by the issue they report into (see the file comment). */
export function groupByTarget(repos: readonly (readonly [string, ReportOptions])[]): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  for (const [repo, options] of [...repos].sort(([a], [b]) => a.localeCompare(b))) {
    const target = options.targetRepository ?? repo;
    const { cron: _cron, retentionDays: _retention, enabled: _enabled, targetRepository: _target, ...shaping } = options;
    const key = options.targetRepository ? `${target}|${JSON.stringify(shaping)}` : `self|${repo}`;
    const group = groups.get(key);
    if (group) group.repos.push(repo);
    else groups.set(key, { target, repos: [repo], options: { ...options, targetRepository: target } });
  }
  return [...groups.values()];
}

function scheduleOptions(settings: Map<string, ReportOptions>, account: string | undefined): ReportOptions {
  if (settings.size === 1) return [...settings.values()][0] as ReportOptions;
  const orgWide = account === undefined ? undefined : [...settings].find(([repo]) => repo.toLowerCase() === `${account.toLowerCase()}/.github`);
  return orgWide?.[1] ?? DEFAULT_REPORT_OPTIONS;
}

/** The BullMQ worker for the report queue. One job at a time: reports are few and GitHub's rate limit is shared. */
export function createReportWorker(
  connection: Redis,
  processor: (job: ReportJob) => Promise<ReportJobResult>,
  options: { prefix?: string; logger: Logger },
): Worker<unknown, ReportJobResult> {
  const worker = new Worker<unknown, ReportJobResult>(REPORT_QUEUE_NAME, processor, {
    connection,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    concurrency: 1,
    // A big installation's backfill can take minutes; a lost lock must not run it twice at once.
    lockDuration: 10 * 60_000,
  });
  const log = options.logger;
  worker.on("completed", (job, result) => log.info({ job: job.id, result }, "report job completed"));
  worker.on("failed", (job, error) => log.warn({ job: job?.id, attemptsMade: job?.attemptsMade, err: error }, "report job attempt failed"));
  worker.on("error", (error) => log.error({ err: error }, "report worker error"));
  return worker;
}

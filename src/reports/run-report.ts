// The weekly review-load report, end to end for one report issue: collect the
// pull requests and foureyes' advisory comments (see collectReportPulls below
// for from where), compute this week
// and last week in the report's time zone, render markdown and JSON, and
// publish the markdown as one issue in the target repository, updated in place
// on a rerun. The JSON rides along in a collapsed <details> block at the end of
// the issue when it fits under GitHub's body limit, and is returned either way.

import type { ReportOptions } from "../config/report-options.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import { GITHUB_BODY_MAX_CHARS } from "../core/text-limits.js";
import type { GitHubClient } from "../github/octokit.js";
import { type PublishedReportIssue, upsertReportIssue } from "../github/upsert-report-issue.js";
import { createLearningStore } from "../learning/learning-store.js";
import { type BackfilledPulls, backfillPulls, type GraphqlClient } from "./backfill/backfill-pulls.js";
import { computeReviewLoad } from "./compute-review-load.js";
import { readRecordedPulls } from "./record/read-recorded-pulls.js";
import { renderReportJson } from "./render-report-json.js";
import { renderReportMarkdown, reportMarker } from "./render-report-markdown.js";
import type { ReviewLoadReport } from "./review-load-report.js";
import { readTeamPrecision } from "./team-precision.js";
import type { AdvisoryCommentRecord, PullRecord } from "./types.js";
import { previousWeek, weekWindow } from "./week-window.js";

export interface WeeklyReportInput {
  octokit: GitHubClient;
  /** The event record; without it the backfill alone is used. */
  redis?: RedisClient;
  /** First part of the event record's keys (default "foureyes"), as the web process wrote them. */
  keyPrefix?: string;
  installationId: number;
  /** Repositories the report covers, "owner/name". */
  repos: readonly string[];
  /** What the report is about: "owner/name" for one repository, else the account's login. Default: the one repository, or the first owner. */
  scope?: string;
  options: ReportOptions;
  now: Date;
  logger: Pick<Logger, "info" | "warn">;
  /** foureyes' own account: recognises its reviews, and the report issue is only ever one it opened. */
  app: AppIdentity;
}

export interface WeeklyReportOutcome {
  report: ReviewLoadReport;
  markdown: string;
  json: string;
  issue: PublishedReportIssue;
  /** "owner/name" that received the issue. */
  target: string;
  sources: Record<string, PullSource>;
}

/** Room for the closing of the JSON block and a safety margin under the limit. */
const JSON_BLOCK_LIMIT = GITHUB_BODY_MAX_CHARS - 536;

export async function runWeeklyReport(input: WeeklyReportInput): Promise<WeeklyReportOutcome> {
  if (input.repos.length === 0) throw new RangeError("runWeeklyReport needs at least one repository");
  const scope = input.scope ?? (input.repos.length === 1 ? (input.repos[0] as string) : ownerOf(input.repos[0] as string));
  const target = input.options.targetRepository ?? (input.repos.length === 1 ? (input.repos[0] as string) : undefined);
  if (!target) throw new RangeError(`a report over ${input.repos.length} repositories needs reports.targetRepository`);

  // 1. Windows in the report's time zone
  const window = weekWindow(input.now, input.options.timezone, input.options.weekStartsOn);
  const previousWindow = previousWeek(window);

  // 2. Collect
  const { pulls, advisory, sources } = await collectReportPulls({
    octokit: input.octokit,
    redis: input.redis,
    keyPrefix: input.keyPrefix,
    installationId: input.installationId,
    repos: input.repos,
    since: previousWindow.start,
    app: input.app,
    logger: input.logger,
  });

  // 3. Compute and render
  const report = computeReviewLoad({
    scope,
    pulls,
    advisory,
    window,
    previousWindow,
    options: input.options,
    now: input.now,
  });
  if (input.redis) {
    const store = createLearningStore(input.redis, input.keyPrefix);
    report.precision = await readTeamPrecision({ store, installationId: input.installationId, repos: input.repos, window, advisory });
  }
  const markdown = renderReportMarkdown(report, { maxListItems: input.options.maxListItems });
  const json = renderReportJson(report);

  // 4. Publish
  const [owner, repo] = target.split("/") as [string, string];
  const issue = await upsertReportIssue(
    input.octokit,
    { owner, repo },
    { marker: reportMarker(report), title: `Review load: ${scope}, ${window.label}`, body: withJson(markdown, json) },
    { app: input.app, logger: input.logger },
  );
  input.logger.info(
    { scope, week: window.label, target, issue: issue.number, action: issue.action, pulls: pulls.length, advisoryComments: advisory.length },
    "review-load report published",
  );
  return { report, markdown, json, issue, target, sources };
}

/** The markdown with the JSON in a collapsed block, or a note when that would not fit. */
export function withJson(markdown: string, json: string): string {
  // A fence longer than any backtick run inside (a PR title may hold one).
  const longestRun = Math.max(0, ...[...json.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  const block = `\n\n<details><summary>JSON for tooling</summary>\n\n${fence}json\n${json.trimEnd()}\n${fence}\n\n</details>\n`;
  if (markdown.length + block.length <= JSON_BLOCK_LIMIT) return markdown + block;
  return `${markdown}\n\n_The JSON report is too large for this issue; \`foureyes report --format json\` prints it._\n`;
}

// Collects the pull requests a weekly report is computed from. The rule:
//
//   For every repository, the GraphQL backfill is read from the start of the
//   previous window up to now (plus the open pull requests the queue needs).
//   It is GitHub's current truth and carries what webhooks lack (inline
//   comment counts, co-author trailers), so for a pull request in both, the
//   backfill wins. Pull requests only in the app's event record are kept.
//   When the backfill of a repository fails (GitHub down, rate limit spent),
//   that repository is counted from the event record alone and a warning is
//   logged; without a record the error is raised and the job retries.
//
// The event record is thus the fallback and the cross-check, the backfill the
// weekly reconcile; for a new installation the backfill is all there is.
// foureyes' advisory comments and their replies, reactions and resolved threads
// come from the backfill alone (the record keeps no review threads), so a
// repository counted from the record shows none that week.

export interface CollectInput {
  octokit: GraphqlClient;
  redis?: RedisClient;
  /** First part of the event record's keys (default "foureyes"). */
  keyPrefix?: string;
  installationId?: number;
  /** "owner/name" each. */
  repos: readonly string[];
  since: Date;
  /** foureyes' own account, when known. */
  app?: AppIdentity | undefined;
  logger?: Pick<Logger, "warn">;
}

export type PullSource = "backfill" | "record";

export interface CollectedPulls {
  pulls: PullRecord[];
  /** foureyes' inline comments on the backfilled repositories. */
  advisory: AdvisoryCommentRecord[];
  /** Where each repository's figures came from. */
  sources: Record<string, PullSource>;
}

export async function collectReportPulls(input: CollectInput): Promise<CollectedPulls> {
  const pulls: PullRecord[] = [];
  const advisory: AdvisoryCommentRecord[] = [];
  const sources: Record<string, PullSource> = {};
  for (const repo of input.repos) {
    const [owner, name] = repo.split("/") as [string, string];
    const recorded =
      input.redis && input.installationId !== undefined
        ? await readRecordedPulls(input.redis, input.installationId, { since: input.since, repo, keyPrefix: input.keyPrefix })
        : [];
    let backfilled: BackfilledPulls;
    try {
      backfilled = await backfillPulls(input.octokit, { owner, repo: name, since: input.since, app: input.app });
    } catch (error) {
      if (!input.redis || input.installationId === undefined) throw error;
      input.logger?.warn({ repo, err: error, recorded: recorded.length }, "backfill failed; counting this repository from the event record alone");
      pulls.push(...recorded);
      sources[repo] = "record";
      continue;
    }
    const seen = new Set(backfilled.pulls.map((pull) => pull.number));
    pulls.push(...backfilled.pulls, ...recorded.filter((pull) => !seen.has(pull.number)));
    advisory.push(...backfilled.advisory);
    sources[repo] = "backfill";
  }
  return { pulls, advisory, sources };
}

function ownerOf(repo: string): string {
  return repo.split("/")[0] as string;
}

// `foureyes report --repo owner/name`: the weekly review-load report for one
// repository, read through the GraphQL backfill with a personal or Actions
// token, so a team can see its report before installing the app. Prints
// markdown, JSON or CSV; writes nothing to GitHub. Returns the exit code:
// 0 printed, 2 for anything the user must fix (token, repository, dates),
// 1 for anything else.

import { PEOPLE_MODES, type PeopleMode, reportOptionsSchema } from "../config/report-options.js";
import { httpStatusOf } from "../github/http-status.js";
import { AdvisoryOctokit } from "../github/octokit.js";
import { backfillPulls } from "../reports/backfill/backfill-pulls.js";
import { UnexpectedGitHubResponseError } from "../reports/backfill/report-graphql-schemas.js";
import { computeReviewLoad } from "../reports/compute-review-load.js";
import { renderReportCsv } from "../reports/render-report-csv.js";
import { renderReportJson } from "../reports/render-report-json.js";
import { renderReportMarkdown } from "../reports/render-report-markdown.js";
import { dateRangeWindow, previousWeek, type ReportWindow, weekWindow } from "../reports/week-window.js";
import { addCivilDays, civilDateIn, formatCivilDate, parseCivilDate } from "../reports/zoned-time.js";
import { CliUsageError } from "./cli-error.js";

export const REPORT_FORMATS = ["markdown", "json", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportCommandOptions {
  /** "owner/name" */
  repo: string;
  /** First day, "YYYY-MM-DD" (inclusive). Default: the last complete week. */
  since?: string;
  /** Last day, "YYYY-MM-DD" (inclusive). Default: today when --since is given. */
  until?: string;
  format: ReportFormat;
  /** IANA time zone of the week boundaries; default Europe/Berlin. */
  timezone?: string;
  /** Default pseudonymous, as in the app. */
  people?: PeopleMode;
}

export interface ReportCommandIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The clock; tests pass their own. */
  now?: () => Date;
}

export async function runReportCommand(options: ReportCommandOptions, io: ReportCommandIo): Promise<number> {
  try {
    // 1. Settings: token, API base, repository, report options, window
    const token = io.env.GITHUB_TOKEN?.trim();
    if (!token) throw new CliUsageError("GITHUB_TOKEN is not set: export a token that can read the repository's pull requests");
    const baseUrl = (io.env.GITHUB_API_URL?.trim() || "https://api.github.com").replace(/\/+$/, "");
    const [owner, name] = parseRepo(options.repo);
    if (!(REPORT_FORMATS as readonly string[]).includes(options.format)) {
      throw new CliUsageError(`--format must be one of ${REPORT_FORMATS.join(", ")}, got "${options.format}"`);
    }
    const parsedOptions = reportOptionsSchema.safeParse({
      ...(options.timezone !== undefined ? { timezone: options.timezone } : {}),
      ...(options.people !== undefined ? { people: options.people } : {}),
    });
    if (!parsedOptions.success) {
      const issue = parsedOptions.error.issues[0];
      const hint = issue?.path[0] === "people" ? `--people must be one of ${PEOPLE_MODES.join(", ")}` : `--${String(issue?.path[0])}: ${issue?.message}`;
      throw new CliUsageError(hint);
    }
    const reportOptions = parsedOptions.data;
    const realNow = io.now?.() ?? new Date();
    const window = reportWindow(options, reportOptions.timezone, realNow);
    const previousWindow = previousWeek(window);
    // The queue is a snapshot at the end of the window, or now when that is later.
    const now = new Date(Math.min(realNow.getTime(), window.end.getTime()));

    // 2. Read through the backfill (GitHub's throttling and retries included)
    const octokit = new AdvisoryOctokit({
      auth: { token },
      baseUrl,
      log: { debug: () => {}, info: () => {}, warn: (message: string) => io.stderr(`foureyes report: ${message}\n`), error: () => {} },
    });
    const { pulls, advisory } = await backfillPulls(octokit, { owner, repo: name, since: previousWindow.start, until: window.end });

    // 3. Compute and print
    const report = computeReviewLoad({ scope: `${owner}/${name}`, pulls, advisory, window, previousWindow, options: reportOptions, now });
    const text =
      options.format === "json"
        ? renderReportJson(report)
        : options.format === "csv"
          ? renderReportCsv(report)
          : renderReportMarkdown(report, { maxListItems: reportOptions.maxListItems });
    io.stdout(text.endsWith("\n") ? text : `${text}\n`);
    return 0;
  } catch (error) {
    const usage = usageMessage(error, options.repo);
    if (usage !== undefined) {
      io.stderr(`foureyes report: ${usage}\n`);
      return 2;
    }
    io.stderr(`foureyes report: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function parseRepo(repo: string): [string, string] {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(repo?.trim() ?? "");
  if (!match || match[2] === "." || match[2] === "..") throw new CliUsageError(`--repo must look like owner/name, got "${repo}"`);
  return [match[1] as string, match[2] as string];
}

function reportWindow(options: ReportCommandOptions, timeZone: string, now: Date): ReportWindow {
  try {
    if (options.since === undefined && options.until === undefined) return weekWindow(now, timeZone);
    const today = formatCivilDate(civilDateIn(now, timeZone));
    if (options.since === undefined) {
      // --until alone: the seven days ending there.
      const last = parseCivilDate(options.until as string);
      if (!last) throw new RangeError(`--until must be a date like 2026-11-08, got "${options.until}"`);
      return dateRangeWindow(formatCivilDate(addCivilDays(last, -6)), options.until as string, timeZone);
    }
    return dateRangeWindow(options.since, options.until ?? today, timeZone);
  } catch (error) {
    if (error instanceof RangeError) throw new CliUsageError(error.message.replace(/\.$/, ""));
    throw error;
  }
}

/** The one line for errors the user can fix, or undefined. */
function usageMessage(error: unknown, repo: string): string | undefined {
  if (error instanceof CliUsageError) return error.message;
  if (error instanceof UnexpectedGitHubResponseError && /found no repository/.test(error.message)) return error.message;
  const status = httpStatusOf(error);
  if (status === 401) return "GitHub rejected GITHUB_TOKEN (401 Bad credentials): check the token and that it has not expired";
  if (status === 403) return `GitHub refused access to ${repo} (403): the token needs read access to its pull requests`;
  if (status === 404) return `GitHub found no repository ${repo} at this API (404): check --repo, the token's access and GITHUB_API_URL`;
  const errors = (error as { errors?: { type?: string }[] } | null)?.errors;
  if (Array.isArray(errors) && errors.some((item) => item?.type === "NOT_FOUND")) {
    return `GitHub found no repository ${repo} (or the token cannot read it): check --repo and the token's access`;
  }
  return undefined;
}

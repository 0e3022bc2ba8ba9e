// Creates the weekly report issue, or updates foureyes' own issue for that
// scope and week in place: title and body only, never labels, assignees or
// its state. Only an issue foureyes' account opened counts: anyone can open
// one carrying the report's marker.

import { type AppIdentity, isAppAccount } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import { GITHUB_BODY_MAX_CHARS, ISSUE_TITLE_MAX_CHARS, truncate } from "../core/text-limits.js";
import type { GitHubClient } from "./octokit.js";
import { sendAdvisory } from "./send-advisory.js";
import { NO_RETRY, writeOnce } from "./write-once.js";

export interface ReportIssue {
  /** The hidden marker that identifies this report (scope and week); put into the body when missing. */
  marker: string;
  title: string;
  body: string;
}

export interface PublishedReportIssue {
  action: "created" | "updated" | "unchanged";
  number: number;
  url: string;
}

interface FoundIssue {
  number: number;
  title: string;
  body?: string | null | undefined;
  html_url: string;
}

/**
 * Creates the report issue, or updates the one foureyes' account opened that
 * carries `marker` in place, so a rerun never makes a second issue. The
 * listing asks for the app's issues only (`creator`), and each candidate's
 * author is checked again, since a listing filter is no proof. Newest issues
 * are searched first and the search stops at the first match.
 */
export async function upsertReportIssue(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  issue: ReportIssue,
  options: { app: AppIdentity; logger?: Pick<Logger, "info" | "warn"> | undefined },
): Promise<PublishedReportIssue> {
  const { owner, repo } = target;
  const { app, logger } = options;
  const body = truncate(issue.body.includes(issue.marker) ? issue.body : `${issue.marker}\n\n${issue.body}`, GITHUB_BODY_MAX_CHARS);
  const title = truncate(issue.title, ISSUE_TITLE_MAX_CHARS, "…");

  const findOwnIssue = async (): Promise<FoundIssue | undefined> => {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
      owner,
      repo,
      creator: app.login,
      state: "all",
      sort: "created",
      direction: "desc",
      per_page: 100,
    });
    for await (const { data } of pages) {
      const found = data.find((candidate) => !candidate.pull_request && isAppAccount(candidate.user, app) && candidate.body?.includes(issue.marker));
      if (found) return found;
    }
    return undefined;
  };

  const existing = await findOwnIssue();
  if (existing) {
    if (existing.title === title && existing.body === body) {
      logger?.info({ issue: `${owner}/${repo}#${existing.number}` }, "report issue already up to date");
      return { action: "unchanged", number: existing.number, url: existing.html_url };
    }
    const { data: updated } = await sendAdvisory(octokit.rest.issues.update, { owner, repo, issue_number: existing.number, title, body });
    logger?.info({ issue: `${owner}/${repo}#${updated.number}` }, "report issue updated");
    return { action: "updated", number: updated.number, url: updated.html_url };
  }
  // A 5xx may come after GitHub opened the issue: look for it before opening another.
  const created = await writeOnce<FoundIssue>({
    what: "report issue",
    send: async () => (await sendAdvisory(octokit.rest.issues.create, { owner, repo, title, body, request: NO_RETRY })).data,
    findLanded: findOwnIssue,
    logger,
  });
  logger?.info({ issue: `${owner}/${repo}#${created.number}` }, "report issue created");
  return { action: "created", number: created.number, url: created.html_url };
}

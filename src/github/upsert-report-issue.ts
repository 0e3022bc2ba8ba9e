// Creates the weekly report issue, or updates foureyes' own issue for that
// scope and week in place: title and body only, never labels, assignees or
// its state.

import type { Logger } from "../core/logger.js";
import { GITHUB_BODY_MAX_CHARS, ISSUE_TITLE_MAX_CHARS, truncate } from "../core/text-limits.js";
import type { GitHubClient } from "./octokit.js";
import { sendAdvisory } from "./send-advisory.js";

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

/**
 * Creates the report issue, or updates the one that already carries `marker`
 * in place (title and body only: never labels, assignees or its state), so a
 * rerun never makes a second issue. Newest issues are searched first and the
 * search stops at the first match; `creator` (the app's bot login, when known)
 * narrows it to the app's own issues.
 */
export async function upsertReportIssue(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  issue: ReportIssue,
  options: { creator?: string; logger?: Pick<Logger, "info"> } = {},
): Promise<PublishedReportIssue> {
  const { owner, repo } = target;
  const body = truncate(issue.body.includes(issue.marker) ? issue.body : `${issue.marker}\n\n${issue.body}`, GITHUB_BODY_MAX_CHARS);
  const title = truncate(issue.title, ISSUE_TITLE_MAX_CHARS, "…");

  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner,
    repo,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100,
    ...(options.creator ? { creator: options.creator } : {}),
  });
  for await (const { data } of pages) {
    const existing = data.find((candidate) => !candidate.pull_request && candidate.body?.includes(issue.marker));
    if (!existing) continue;
    if (existing.title === title && existing.body === body) {
      options.logger?.info({ issue: `${owner}/${repo}#${existing.number}` }, "report issue already up to date");
      return { action: "unchanged", number: existing.number, url: existing.html_url };
    }
    const { data: updated } = await sendAdvisory(octokit.rest.issues.update, { owner, repo, issue_number: existing.number, title, body });
    options.logger?.info({ issue: `${owner}/${repo}#${updated.number}` }, "report issue updated");
    return { action: "updated", number: updated.number, url: updated.html_url };
  }
  const { data: created } = await sendAdvisory(octokit.rest.issues.create, { owner, repo, title, body });
  options.logger?.info({ issue: `${owner}/${repo}#${created.number}` }, "report issue created");
  return { action: "created", number: created.number, url: created.html_url };
}

// Reads a repository's `reports` settings from `.github/foureyes.yml` on its
// default branch (never from a pull request). Missing file → defaults; an
// invalid file → defaults plus the error, so the report still runs and the
// operator's log says which key to fix. Other failures throw (the job retries).

import { parseRepoConfig } from "../../config/parse-repo-config.js";
import type { GitHubClient } from "../../github/octokit.js";
import { DEFAULT_REPORT_OPTIONS, type ReportOptions } from "../report-options.js";

export const REPO_CONFIG_FILE = ".github/foureyes.yml";

export interface RepoReportOptions {
  options: ReportOptions;
  /** Set when the file was unusable; `options` then holds the defaults. */
  error?: string;
  /** Whether the file exists. */
  found: boolean;
}

export async function readReportOptions(octokit: GitHubClient, owner: string, repo: string): Promise<RepoReportOptions> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ owner, repo, path: REPO_CONFIG_FILE }));
  } catch (error) {
    if ((error as { status?: unknown } | null)?.status === 404) return { options: DEFAULT_REPORT_OPTIONS, found: false };
    throw error;
  }
  const file = data as { type?: string; encoding?: string; content?: string };
  if (Array.isArray(data) || file.type !== "file" || file.encoding !== "base64" || typeof file.content !== "string") {
    return { options: DEFAULT_REPORT_OPTIONS, found: true, error: `${REPO_CONFIG_FILE} is not a readable file` };
  }
  const parsed = parseRepoConfig(Buffer.from(file.content, "base64").toString("utf8"));
  return parsed.error === undefined
    ? { options: parsed.config.reports, found: true }
    : { options: parsed.config.reports, found: true, error: `${REPO_CONFIG_FILE}: ${parsed.error}` };
}

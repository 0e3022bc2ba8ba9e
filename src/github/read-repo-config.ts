// Reads `.github/foureyes.yml` from a repository's default branch, never from a
// pull request's head (a PR must not reconfigure its own review). Missing →
// defaults; invalid keys → those keys fall back, the rest hold, and an error
// names each; a file that cannot be read as settings → halted (nothing runs
// until it is fixed). Other failures throw, so the job is retried rather than
// run with the wrong settings (a repository that switched foureyes off must
// stay off).

import { haltedRepoConfig, parseRepoConfig } from "../config/parse-repo-config.js";
import { DEFAULT_REPO_CONFIG, REPO_CONFIG_PATH, type RepoConfig } from "../config/repo-config.js";
import { httpStatusOf } from "./http-status.js";
import type { GitHubClient } from "./octokit.js";

export interface RepoConfigRead {
  config: RepoConfig;
  /** Every problem in the file, each named by its key; unset when the file is fine. */
  error?: string;
  /** The file cannot be read as settings (or its `enabled` cannot): review and report nothing until it is fixed. */
  halted?: true;
  /** Whether the file exists. */
  found: boolean;
}

/** `ref` is the default branch's name; without it GitHub reads the default branch too. */
export async function readRepoConfig(
  octokit: GitHubClient,
  repository: { owner: string; repo: string },
  ref?: string,
): Promise<RepoConfigRead> {
  const where = ref ?? "the default branch";
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ owner: repository.owner, repo: repository.repo, path: REPO_CONFIG_PATH, ...(ref ? { ref } : {}) }));
  } catch (error) {
    if (httpStatusOf(error) === 404) return { config: DEFAULT_REPO_CONFIG, found: false };
    throw error;
  }
  const file = data as { type?: string; encoding?: string; content?: string; size?: number };
  if (Array.isArray(data) || file.type !== "file") {
    return { ...haltedRepoConfig(`${REPO_CONFIG_PATH} on ${where} is not a file`), found: true };
  }
  if (file.encoding !== "base64" || typeof file.content !== "string") {
    return { ...haltedRepoConfig(`${REPO_CONFIG_PATH} on ${where} is too large to read (${file.size ?? "?"} bytes)`), found: true };
  }
  const parsed = parseRepoConfig(Buffer.from(file.content, "base64").toString("utf8"));
  return parsed.error === undefined ? { ...parsed, found: true } : { ...parsed, found: true, error: `${REPO_CONFIG_PATH}: ${parsed.error}` };
}

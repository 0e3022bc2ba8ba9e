// What changed between two commits of a repository (GET compare/{base}...{head}):
// how the head relates to the base, and the changed files with their patches.

import type { ChangedFile } from "../core/diff.js";
import { httpStatusOf } from "./http-status.js";
import type { GitHubClient } from "./octokit.js";

export interface Comparison {
  /** "ahead" when `head` descends from `base`; "diverged" or "behind" after a rebase or force-push; "identical". */
  status: string;
  files: ChangedFile[];
  /** GitHub lists at most 300 files of a comparison; past that the list is not the whole change. */
  incomplete: boolean;
}

const COMPARE_MAX_FILES = 300;

/** The comparison of `base`...`head`, or null when GitHub no longer knows one of them (404: force-pushed away). */
export async function compareCommits(octokit: GitHubClient, target: { owner: string; repo: string }, base: string, head: string): Promise<Comparison | null> {
  let data;
  try {
    ({ data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: target.owner, repo: target.repo, basehead: `${base}...${head}` }));
  } catch (error) {
    if (httpStatusOf(error) === 404) return null;
    throw error;
  }
  const files: ChangedFile[] = (data.files ?? []).map((file) => {
    const changed: ChangedFile = { path: file.filename, status: file.status, additions: file.additions, deletions: file.deletions };
    if (file.previous_filename) changed.previousPath = file.previous_filename;
    if (typeof file.patch === "string") changed.patch = file.patch;
    return changed;
  });
  return { status: data.status, files, incomplete: files.length >= COMPARE_MAX_FILES };
}

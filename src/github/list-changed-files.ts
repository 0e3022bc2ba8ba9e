// The changed files of a pull request through the paginated files endpoint,
// which works past the diff endpoint's 300-file and 20,000-line limits.

import type { ChangedFile } from "../core/diff.js";
import type { GitHubClient } from "./octokit.js";

const CHANGED_FILE_STATUSES = new Set<ChangedFile["status"]>([
  "added",
  "modified",
  "removed",
  "renamed",
  "copied",
  "changed",
  "unchanged",
]);

/** Every changed file, 100 a page (GitHub lists at most 3,000); works past the diff endpoint's 300-file limit. */
export async function listChangedFiles(octokit: GitHubClient, target: { owner: string; repo: string; pullNumber: number }): Promise<ChangedFile[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100,
  });
  return files.map((file) => {
    const changed: ChangedFile = {
      path: file.filename,
      status: CHANGED_FILE_STATUSES.has(file.status as ChangedFile["status"]) ? (file.status as ChangedFile["status"]) : "modified",
      additions: file.additions,
      deletions: file.deletions,
    };
    if (file.previous_filename) changed.previousPath = file.previous_filename;
    if (typeof file.patch === "string") changed.patch = file.patch;
    return changed;
  });
}

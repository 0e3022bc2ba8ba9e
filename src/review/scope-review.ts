// Decides what a review covers. After a push it is what changed since the
// last head foureyes reviewed (the head marker on its latest review, by its
// own account), through the compare API. The whole pull request when that
// head is gone (a force-push or rebase dropped it: compare says diverged or
// behind, or 404), when it is the head itself (a rerun), when GitHub cannot
// list the whole comparison, or when the whole review was asked for.

import { type AppIdentity, isAppAccount } from "../core/app-identity.js";
import type { ChangedFile } from "../core/diff.js";
import { reviewedHead } from "../core/markers.js";
import type { PullTarget } from "../core/pull-target.js";
import { compareCommits } from "../github/compare-commits.js";
import { listReviews } from "../github/list-reviews.js";
import type { GitHubClient } from "../github/octokit.js";
import { narrowToChanges } from "./narrow-to-changes.js";
import type { ReviewScope } from "./types.js";

export async function scopeReview(
  octokit: GitHubClient,
  target: PullTarget,
  pullFiles: ChangedFile[],
  options: { app: AppIdentity; incremental: boolean },
): Promise<{ scope: ReviewScope; files: ChangedFile[] }> {
  const whole = { scope: { kind: "whole" } as const, files: pullFiles };
  if (!options.incremental) return whole;
  const reviews = await listReviews(octokit, target);
  const own = reviews.filter((review) => isAppAccount(review.author, options.app)).map((review) => reviewedHead(review.body));
  const since = own.filter((sha): sha is string => sha !== null).at(-1);
  if (!since || since === target.headSha.toLowerCase()) return whole;
  const comparison = await compareCommits(octokit, target, since, target.headSha);
  if (!comparison || comparison.status !== "ahead" || comparison.incomplete) return whole;
  return { scope: { kind: "since", sinceSha: since }, files: narrowToChanges(pullFiles, comparison.files) };
}

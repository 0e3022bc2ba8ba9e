// The review source for a GitHub pull request (pipeline step 1): PR metadata,
// the changed files through the paginated files endpoint (never the whole
// diff), the repo config from the DEFAULT branch, earlier foureyes comments
// (by foureyes' own account: anyone can type the marker), and head-version
// file contents on demand.

import type { ReviewLimits } from "../config/server-env.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { HeadFile } from "../core/head-file.js";
import { formatPullTarget, type PullTarget } from "../core/pull-target.js";
import { StaleHeadError } from "../github/errors.js";
import { listChangedFiles } from "../github/list-changed-files.js";
import { listHeadPaths } from "../github/list-head-paths.js";
import type { GitHubClient } from "../github/octokit.js";
import { readCustomRuleFiles } from "../github/read-custom-rule-files.js";
import { CONTENTS_API_MAX_BYTES, readFileAt } from "../github/read-file-at.js";
import { readPullRequest } from "../github/read-pull-request.js";
import { readRepoConfig } from "../github/read-repo-config.js";
import { listPriorFindings } from "./list-prior-findings.js";
import type { ReviewSource } from "./ports.js";
import { scopeReview } from "./scope-review.js";
import type { ReviewSnapshot } from "./types.js";

/** The review source, and what its read of the pull request said about who can read the repository. */
export interface PullRequestSource extends ReviewSource {
  /** True or false once the snapshot read the pull request; undefined before (treat as public). */
  repositoryPrivate(): boolean | undefined;
}

/** `incremental`: after a push, review only what changed since the last reviewed head (see scope-review.ts). */
export function createPullRequestSource(
  octokit: GitHubClient,
  target: PullTarget,
  limits: ReviewLimits,
  app: AppIdentity,
  options: { incremental?: boolean } = {},
): PullRequestSource {
  const label = formatPullTarget(target);
  let repositoryPrivate: boolean | undefined;

  return {
    repositoryPrivate: () => repositoryPrivate,

    async loadSnapshot(): Promise<ReviewSnapshot> {
      const pr = await readPullRequest(octokit, target);
      repositoryPrivate = pr.repositoryPrivate;
      // Reviewing files of a newer head under the old head's name would mislabel the review.
      if (pr.headSha !== target.headSha) throw new StaleHeadError(label, target.headSha, pr.headSha);

      const [files, repoConfig, priorComments] = await Promise.all([
        listChangedFiles(octokit, target),
        readRepoConfig(octokit, target, pr.defaultBranch),
        listPriorFindings(octokit, target, app),
      ]);
      const scoped = await scopeReview(octokit, target, files, { app, incremental: options.incremental ?? false });

      const snapshot: ReviewSnapshot = {
        label,
        title: pr.title,
        description: pr.body,
        baseSha: pr.baseSha,
        headSha: pr.headSha,
        draft: pr.draft,
        authorIsBot: pr.authorIsBot,
        files: scoped.files,
        scope: scoped.scope,
        config: repoConfig.config,
        priorComments,
      };
      if (repoConfig.error !== undefined) snapshot.configError = repoConfig.error;
      if (repoConfig.halted) snapshot.configHalted = true;
      if (pr.htmlUrl) snapshot.pullUrl = pr.htmlUrl;
      // Only when the config asks: most repositories have none, and each review would pay a request for it.
      if (repoConfig.config.rules.custom && !repoConfig.halted) snapshot.customRules = await readCustomRuleFiles(octokit, target, pr.defaultBranch);
      return snapshot;
    },

    async readHeadFile(path: string): Promise<HeadFile> {
      return readFileAt(octokit, target, path, target.headSha, Math.min(limits.maxFileBytes, CONTENTS_API_MAX_BYTES));
    },

    listHeadPaths: () => listHeadPaths(octokit, target, target.headSha),
  };
}

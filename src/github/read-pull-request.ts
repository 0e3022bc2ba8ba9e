// The facts about a pull request that foureyes acts on, read fresh each time
// (its head moves while a review runs).

import type { GitHubClient } from "./octokit.js";

export interface PullRequestFacts {
  state: string;
  title: string;
  body: string;
  draft: boolean;
  authorIsBot: boolean;
  /** The author's login: their own reactions to findings on their pull request do not teach foureyes. */
  authorLogin: string;
  headSha: string;
  baseSha: string;
  /** The base repository's default branch, where `.github/foureyes.yml` is read. */
  defaultBranch: string;
  /** Only people of the organisation read a private repository; anyone reads a public one. */
  repositoryPrivate: boolean;
  /** The pull request's web page as GitHub gives it (a GitHub Enterprise host names itself). */
  htmlUrl: string;
}

export async function readPullRequest(octokit: GitHubClient, target: { owner: string; repo: string; pullNumber: number }): Promise<PullRequestFacts> {
  const { owner, repo } = target;
  const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: target.pullNumber });
  const defaultBranch = pr.base.repo.default_branch || (await octokit.rest.repos.get({ owner, repo })).data.default_branch;
  return {
    state: pr.state,
    title: pr.title,
    body: pr.body ?? "",
    draft: pr.draft === true,
    authorIsBot: pr.user.type === "Bot",
    authorLogin: pr.user.login,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    defaultBranch,
    repositoryPrivate: pr.base.repo.private === true,
    htmlUrl: pr.html_url,
  };
}

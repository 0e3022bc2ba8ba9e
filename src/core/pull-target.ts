// Which pull request, at which head commit, a GitHub review job is about.

export interface PullTarget {
  owner: string;
  repo: string;
  pullNumber: number;
  /** The head commit the review is for; a review for any other head is stale. */
  headSha: string;
}

/** "owner/repo#123", the label used in logs and the review snapshot. */
export function formatPullTarget(target: Pick<PullTarget, "owner" | "repo" | "pullNumber">): string {
  return `${target.owner}/${target.repo}#${target.pullNumber}`;
}

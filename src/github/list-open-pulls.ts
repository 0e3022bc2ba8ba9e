// A repository's open pull requests updated since a date, most recently
// updated first; pages stop at the first one older than `updatedSince`.

import type { GitHubClient } from "./octokit.js";

export interface OpenPull {
  number: number;
  headSha: string;
  draft: boolean;
  updatedAt: Date;
}

export async function listOpenPulls(octokit: GitHubClient, target: { owner: string; repo: string; updatedSince: Date }): Promise<OpenPull[]> {
  const pulls: OpenPull[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
    owner: target.owner,
    repo: target.repo,
    state: "open",
    sort: "updated",
    direction: "desc",
    per_page: 100,
  });
  for await (const page of pages) {
    for (const pull of page.data) {
      const updatedAt = new Date(pull.updated_at);
      if (updatedAt < target.updatedSince) return pulls;
      pulls.push({ number: pull.number, headSha: pull.head.sha, draft: pull.draft === true, updatedAt });
    }
  }
  return pulls;
}

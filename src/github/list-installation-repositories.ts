// The repositories an installation can see, archived ones left out.

import type { GitHubClient } from "./octokit.js";

export async function listInstallationRepositories(octokit: GitHubClient): Promise<{ owner: string; repo: string; fullName: string }[]> {
  const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  return repositories
    .filter((repository) => !repository.archived)
    .map((repository) => ({ owner: repository.owner.login, repo: repository.name, fullName: repository.full_name }));
}

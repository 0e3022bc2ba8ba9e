// A person's permission on a repository ("admin", "write", "read", "none", …);
// "none" when GitHub does not know them as a collaborator.

import { httpStatusOf } from "./http-status.js";
import type { GitHubClient } from "./octokit.js";

export async function readPermission(octokit: GitHubClient, repository: { owner: string; repo: string }, username: string): Promise<string> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: repository.owner, repo: repository.repo, username });
    return data.permission;
  } catch (error) {
    if (httpStatusOf(error) === 404) return "none";
    throw error;
  }
}

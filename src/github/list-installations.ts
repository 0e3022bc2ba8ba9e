// The app's active installations (an app-authenticated Octokit: Probot's
// `auth()` without an id), with their account's login.

import type { GitHubClient } from "./octokit.js";

export async function listInstallations(appOctokit: GitHubClient): Promise<{ installationId: number; account?: string }[]> {
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  return installations
    .filter((installation) => !installation.suspended_at)
    .map((installation) => {
      const login = installation.account && "login" in installation.account ? installation.account.login : undefined;
      return { installationId: installation.id, ...(login ? { account: login } : {}) };
    });
}

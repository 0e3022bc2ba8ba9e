// Keeps foureyes_github_rate_limit_remaining{installation} current from every
// response an installation's Octokit gets, errors (403/429) included.

import { recordRateLimit } from "../metrics/record-rate-limit.js";
import type { GitHubClient } from "./octokit.js";

type Headers = Record<string, string | number | undefined>;

export function watchRateLimit(octokit: GitHubClient, installationId: number): GitHubClient {
  octokit.hook.after("request", (response) => {
    recordRateLimit(installationId, (response.headers as Headers)["x-ratelimit-remaining"]);
  });
  octokit.hook.error("request", (error) => {
    const headers = (error as { response?: { headers?: Headers } }).response?.headers;
    recordRateLimit(installationId, headers?.["x-ratelimit-remaining"]);
    throw error;
  });
  return octokit;
}

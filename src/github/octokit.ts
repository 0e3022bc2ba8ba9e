// The Octokit type foureyes talks to GitHub with: Probot's, which carries the
// REST methods, pagination, and the throttling and retry plugins.

import type { ProbotOctokit } from "probot";

export type GitHubClient = InstanceType<typeof ProbotOctokit>;

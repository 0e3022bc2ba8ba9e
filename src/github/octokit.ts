// The Octokit foureyes talks to GitHub with: Probot's (REST methods,
// pagination, throttling and retry plugins) plus a guard that refuses, at the
// last moment before sending, every write the advisory policy flags. Whatever
// code holds this client, it cannot approve, merge, label or set a status.

import { ProbotOctokit } from "probot";

import { isAdvisoryRequest } from "./advisory-policy.js";
import { AdvisoryViolationError } from "./errors.js";

type Guarded = { hook: InstanceType<typeof ProbotOctokit>["hook"]; request: InstanceType<typeof ProbotOctokit>["request"] };

/** Octokit plugin: every request is checked against isAdvisoryRequest before it leaves the process. */
export function advisoryGuard(octokit: Guarded): void {
  octokit.hook.before("request", (options) => {
    const request = octokit.request.endpoint.parse(options as Parameters<typeof octokit.request.endpoint.parse>[0]);
    const verdict = isAdvisoryRequest(request.method, request.url, request.body);
    if (!verdict.ok) throw new AdvisoryViolationError(`Refused to send a non-advisory request to GitHub: ${verdict.why}`);
  });
}

export const AdvisoryOctokit = ProbotOctokit.plugin(advisoryGuard);

export type GitHubClient = InstanceType<typeof ProbotOctokit>;

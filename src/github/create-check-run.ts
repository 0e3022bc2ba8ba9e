// Creates a completed `foureyes` check run on a commit. Its conclusion is
// always neutral: foureyes never passes or fails a pull request.

import type { PullTarget } from "../core/pull-target.js";
import { CHECK_RUN_SUMMARY_MAX_CHARS, CHECK_RUN_TITLE_MAX_CHARS, truncate } from "../core/text-limits.js";
import type { GitHubClient } from "./octokit.js";
import { sendAdvisory } from "./send-advisory.js";

export const CHECK_CONCLUSION = "neutral" as const;
export const CHECK_RUN_NAME = "foureyes";

export async function createCheckRun(
  octokit: GitHubClient,
  target: Pick<PullTarget, "owner" | "repo" | "headSha">,
  output: { title: string; summary: string },
): Promise<{ id: number }> {
  const { data } = await sendAdvisory(octokit.rest.checks.create, {
    owner: target.owner,
    repo: target.repo,
    name: CHECK_RUN_NAME,
    head_sha: target.headSha,
    status: "completed",
    conclusion: CHECK_CONCLUSION,
    completed_at: new Date().toISOString(),
    output: {
      title: truncate(output.title, CHECK_RUN_TITLE_MAX_CHARS, "…"),
      summary: truncate(output.summary, CHECK_RUN_SUMMARY_MAX_CHARS),
    },
  });
  return { id: data.id };
}

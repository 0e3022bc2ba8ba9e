// Creates a completed `foureyes` check run on a commit. Its conclusion is
// always neutral: foureyes never passes or fails a pull request. Each write
// carries a fresh `external_id`; after an ambiguous failure (a 5xx may come
// after GitHub created it) the commit's foureyes check runs are searched for
// it before writing again, so one report makes one check run.

import { randomUUID } from "node:crypto";

import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import type { PullTarget } from "../core/pull-target.js";
import { CHECK_RUN_SUMMARY_MAX_CHARS, CHECK_RUN_TITLE_MAX_CHARS, truncate } from "../core/text-limits.js";
import { listCheckRuns } from "./list-check-runs.js";
import type { GitHubClient } from "./octokit.js";
import { sendAdvisory } from "./send-advisory.js";
import { NO_RETRY, writeOnce } from "./write-once.js";

export const CHECK_CONCLUSION = "neutral" as const;
export const CHECK_RUN_NAME = "foureyes";

export async function createCheckRun(
  octokit: GitHubClient,
  target: Pick<PullTarget, "owner" | "repo" | "headSha">,
  output: { title: string; summary: string },
  options: { app: AppIdentity; logger?: Pick<Logger, "warn"> | undefined },
): Promise<{ id: number }> {
  const externalId = `foureyes-${randomUUID()}`;
  const send = async () => {
    const { data } = await sendAdvisory(octokit.rest.checks.create, {
      owner: target.owner,
      repo: target.repo,
      name: CHECK_RUN_NAME,
      head_sha: target.headSha,
      external_id: externalId,
      status: "completed",
      conclusion: CHECK_CONCLUSION,
      completed_at: new Date().toISOString(),
      output: {
        title: truncate(output.title, CHECK_RUN_TITLE_MAX_CHARS, "…"),
        summary: truncate(output.summary, CHECK_RUN_SUMMARY_MAX_CHARS),
      },
      request: NO_RETRY,
    });
    return { id: data.id };
  };
  const findLanded = async () => {
    const runs = await listCheckRuns(octokit, target, { name: CHECK_RUN_NAME, appId: options.app.id });
    const landed = runs.find((run) => run.externalId === externalId && run.appId === options.app.id);
    return landed && { id: landed.id };
  };
  return writeOnce({ what: "check run", send, findLanded, logger: options.logger });
}

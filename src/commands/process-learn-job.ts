// The learn job processor (see learn-job.ts): a closed pull request has the
// reactions on foureyes' comments read and recorded; a resolved thread on a
// foureyes comment is recorded as set aside or acted on (src/learning).

import type { Job } from "bullmq";

import { parseJobData } from "../../queues/parse-job-data.js";
import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import type { GitHubClient } from "../github/octokit.js";
import { collectTeamSignals } from "../learning/collect-team-signals.js";
import type { LearningStore } from "../learning/learning-store.js";
import { recordResolution } from "../learning/record-resolution.js";
import { type LearnJobResult,learnJobSchema } from "./learn-job.js";

export async function processLearnJob(
  job: Job<unknown>,
  deps: { getOctokit(installationId: number): Promise<GitHubClient>; app: AppIdentity; learning: LearningStore; logger: Logger },
): Promise<LearnJobResult> {
  const data = parseJobData(learnJobSchema, job, "learn job");
  const log = deps.logger.child({ job: job.id, delivery: data.deliveryId, pull: `${data.owner}/${data.repo}#${data.pullNumber}`, trigger: data.trigger.kind });
  const octokit = await deps.getOctokit(data.installationId);
  const pull = { installationId: data.installationId, owner: data.owner, repo: data.repo, pullNumber: data.pullNumber, authorLogin: data.authorLogin };
  if (data.trigger.kind === "closed") {
    const comments = await collectTeamSignals({ octokit, pull, app: deps.app, store: deps.learning, logger: log });
    return { status: "learned", comments };
  }
  const { commentId, resolvedBy } = data.trigger;
  const outcome = await recordResolution({ octokit, pull, commentId, resolvedBy, app: deps.app, store: deps.learning });
  log.info({ commentId, resolvedBy, outcome }, "resolved thread read");
  return { status: "resolution", outcome };
}

// Before a review of a pull request: read the team's reactions to foureyes'
// earlier comments on it (src/learning), and return the patterns the team
// dismissed in this repository, so findings like them are left out. Reading
// the reactions is best effort: when it fails, what was learned before holds.

import type { AppIdentity } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import type { GitHubClient } from "../github/octokit.js";
import { readPullRequest } from "../github/read-pull-request.js";
import { collectTeamSignals } from "../learning/collect-team-signals.js";
import { type DismissedPattern, dismissedPatterns } from "../learning/dismissed-patterns.js";
import type { LearningStore } from "../learning/learning-store.js";
import type { ReviewJobData } from "./review-job.js";

export async function learnFromTeam(input: {
  octokit: GitHubClient;
  data: ReviewJobData;
  app: AppIdentity;
  store: LearningStore;
  log: Logger;
}): Promise<DismissedPattern[]> {
  const { octokit, data, app, store, log } = input;
  try {
    const pr = await readPullRequest(octokit, data);
    await collectTeamSignals({ octokit, pull: { ...data, authorLogin: pr.authorLogin }, app, store, logger: log });
  } catch (error) {
    log.warn({ err: error }, "could not read the team's reactions to foureyes' comments; using what was learned before");
  }
  return dismissedPatterns(await store.list(data));
}

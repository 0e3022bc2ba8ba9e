// The reconciliation sweep: per installation, open non-draft pull requests
// updated in the last seven days whose head has neither a foureyes review nor
// a review job are queued, as if their webhook had arrived. Bounded per
// installation and run, so a large backlog is worked off over several runs
// without spending GitHub's rate limit at once.

import { type AppIdentity, isAppAccount } from "../core/app-identity.js";
import type { Logger } from "../core/logger.js";
import { hasHeadMarker } from "../core/markers.js";
import type { RedisClient } from "../core/redis-client.js";
import { listInstallationRepositories } from "../github/list-installation-repositories.js";
import { listInstallations } from "../github/list-installations.js";
import { listOpenPulls, type OpenPull } from "../github/list-open-pulls.js";
import { listReviews } from "../github/list-reviews.js";
import type { GitHubClient } from "../github/octokit.js";
import { reviewJobId } from "../review/review-job.js";
import { enqueueReview, type ReviewQueue } from "../review/review-queue.js";
import type { SweepJobResult } from "./sweep-job.js";

export interface SweepDeps {
  appOctokit: GitHubClient;
  getOctokit(installationId: number): Promise<GitHubClient>;
  app: AppIdentity;
  reviewQueue: ReviewQueue;
  /** Remembers heads found reviewed, so later runs do not ask GitHub for their reviews again. */
  redis: RedisClient;
  keyPrefix: string;
  logger: Pick<Logger, "info" | "warn">;
  now: Date;
}

export const SWEEP_WINDOW_MS = 7 * 24 * 3600_000;
/** Reviews queued per installation and run. */
export const MAX_QUEUED_PER_INSTALLATION = 20;

export async function sweepOpenPulls(deps: SweepDeps): Promise<Extract<SweepJobResult, { kind: "pulls" }>> {
  const installations = await listInstallations(deps.appOctokit);
  let queued = 0;
  let failedInstallations = 0;
  for (const { installationId } of installations) {
    try {
      queued += await sweepInstallation(deps, installationId);
    } catch (error) {
      // One installation GitHub will not show (suspended meanwhile, rate limited) does not hold up the others.
      failedInstallations += 1;
      deps.logger.warn({ installation: installationId, err: error }, "sweep could not look at an installation's pull requests; next run tries again");
    }
  }
  return { kind: "pulls", installations: installations.length, queued, failedInstallations };
}

async function sweepInstallation(deps: SweepDeps, installationId: number): Promise<number> {
  const octokit = await deps.getOctokit(installationId);
  const updatedSince = new Date(deps.now.getTime() - SWEEP_WINDOW_MS);
  let queued = 0;
  for (const { owner, repo } of await listInstallationRepositories(octokit)) {
    for (const pull of (await listOpenPulls(octokit, { owner, repo, updatedSince })).filter((candidate) => !candidate.draft)) {
      if (queued >= MAX_QUEUED_PER_INSTALLATION) return queued;
      if (!(await isMissed(deps, octokit, { owner, repo, pull }))) continue;
      await enqueueReview(deps.reviewQueue, { installationId, owner, repo, pullNumber: pull.number, headSha: pull.headSha, event: "sweep" });
      queued += 1;
      deps.logger.info({ installation: installationId, repo: `${owner}/${repo}`, pull: pull.number }, "sweep queued a pull request whose head was never reviewed");
    }
  }
  return queued;
}

/** Longer than the sweep's window: a head found reviewed is not looked up again while it can be swept. */
const REMEMBER_REVIEWED_SECONDS = 8 * 24 * 3600;

/** No job for this head (in any state) and no review of foureyes' own account marked with it. */
async function isMissed(deps: SweepDeps, octokit: GitHubClient, target: { owner: string; repo: string; pull: OpenPull }): Promise<boolean> {
  const { owner, repo, pull } = target;
  const jobId = reviewJobId({ owner, repo, pullNumber: pull.number, headSha: pull.headSha });
  if (await deps.reviewQueue.getJob(jobId)) return false;
  // Job history is bounded (a week, 1,000 jobs): older reviewed heads are known here instead.
  const reviewedKey = `${deps.keyPrefix}:sweep:reviewed:${jobId}`;
  if ((await deps.redis.exists(reviewedKey)) === 1) return false;
  const reviews = await listReviews(octokit, { owner, repo, pullNumber: pull.number });
  const reviewed = reviews.some((review) => isAppAccount(review.author, deps.app) && hasHeadMarker(review.body, pull.headSha));
  if (reviewed) await deps.redis.set(reviewedKey, "1", "EX", REMEMBER_REVIEWED_SECONDS);
  return !reviewed;
}

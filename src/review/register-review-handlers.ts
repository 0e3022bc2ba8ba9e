// The review's webhook intake: a pull request opened, pushed to, reopened or
// marked ready becomes one review job for its head commit. Nothing heavier
// happens here (no GitHub call, no model call), so the webhook is answered
// fast; drafts and bot authors are decided in the job from the repo config.

import type { Probot } from "probot";

import type { ReviewJobData } from "./review-job.js";
import { enqueueReview, type ReviewQueue } from "./review-queue.js";

export const REVIEW_TRIGGERS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

export function registerReviewHandlers(app: Probot, deps: { queue: ReviewQueue }): void {
  app.on([...REVIEW_TRIGGERS], async (context) => {
    const { payload } = context;
    const pull = payload.pull_request;
    const event = `${context.name}.${payload.action}`;
    const where = {
      delivery: context.id,
      event,
      pull: `${payload.repository.full_name}#${pull.number}`,
      head: pull.head.sha,
    };

    // A PR can be closed by the time a redelivered or late webhook arrives.
    if (pull.state !== "open") {
      context.log.info(where, "ignored: pull request is closed");
      return;
    }
    const installationId = payload.installation?.id;
    if (installationId === undefined) {
      context.log.warn(where, "ignored: webhook carries no installation id (is this a GitHub App delivery?)");
      return;
    }

    const data: ReviewJobData = {
      installationId,
      owner: payload.repository.owner.login,
      repo: payload.repository.name,
      pullNumber: pull.number,
      headSha: pull.head.sha,
      event,
      deliveryId: context.id,
    };
    const queued = await enqueueReview(deps.queue, data);
    if (queued.status === "queued") context.log.info({ ...where, job: queued.jobId }, "review queued");
    else context.log.info({ ...where, job: queued.jobId, state: queued.state }, "not queued: this head already has a job");
  });
}

// The review job: one pull request head commit. Its schema guards the queue
// boundary, and its id makes the queue de-duplicate redelivered webhooks.

import { z } from "zod";

import type { NotReviewedReason } from "./types.js";

export const REVIEW_QUEUE_NAME = "review";
export const REVIEW_JOB_NAME = "review-pull-request";

export const reviewJobSchema = z.object({
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  pullNumber: z.number().int().positive(),
  headSha: z.string().regex(/^[0-9a-f]{40}$/i, "a 40-character commit SHA"),
  /** The webhook that asked for the review, e.g. "pull_request.opened". */
  event: z.string().min(1),
  deliveryId: z.string().optional(),
  /** Set when a `/foureyes review` comment asked for this review: it is posted even when the head has one. */
  rerun: z
    .object({
      commentId: z.number().int().positive(),
      /** The login of the person who asked; logged, never mentioned in the review. */
      requestedBy: z.string().min(1),
    })
    .optional(),
  /** "full" reviews the whole pull request; absent or "incremental" covers what changed since the last head foureyes reviewed. */
  scope: z.enum(["incremental", "full"]).optional(),
  /** "tests" (`/foureyes tests`): the model's review step is skipped; only test suggestions are asked for. */
  only: z.enum(["tests"]).optional(),
});

export type ReviewJobData = z.infer<typeof reviewJobSchema>;

/**
 * `owner/repo#number@sha`: one job per head commit; a rerun asked for in a
 * comment is `owner/repo#number@sha/rerun-<commentId>`, one per comment. BullMQ rejects custom ids
 * that contain ":" or that are plain integers; GitHub owner and repository
 * names cannot contain ":", and this id always contains "#", so neither applies.
 */
export function reviewJobId(data: Pick<ReviewJobData, "owner" | "repo" | "pullNumber" | "headSha" | "rerun">): string {
  const head = `${data.owner}/${data.repo}#${data.pullNumber}@${data.headSha}`;
  return data.rerun ? `${head}/rerun-${data.rerun.commentId}` : head;
}

/** What a finished review job returns (kept in BullMQ's history for inspection and de-duplication). */
export type ReviewJobResult =
  | { status: "published"; comments: number }
  | { status: "not-reviewed"; reason: NotReviewedReason }
  | { status: "dropped"; reason: "head-moved" }
  /** An automatic review of a pull request whose automatic reviews are paused (`/foureyes pause`). */
  | { status: "skipped"; reason: "paused" };

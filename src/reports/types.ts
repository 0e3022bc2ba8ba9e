// The normalised pull-request record the review-load report is computed from.
// Both sources produce it: the app's own webhook event record (Redis) and the
// GraphQL backfill. Both are boundaries, so each type has a zod schema beside it.

import { z } from "zod";

const isoTime = z.iso.datetime({ offset: true });

/** A GitHub account. `type` decides bot-ness ("Bot"), never the login string. */
export const actorSchema = z.object({
  login: z.string().min(1),
  type: z.string().min(1).describe('GitHub account type: "User", "Bot", "Organization", "Mannequin", …'),
});
export type Actor = { login: string; type: "User" | "Bot" | "Organization" | (string & {}) };

export const REVIEW_STATES = ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const reviewRecordSchema = z.object({
  id: z.string().min(1),
  author: actorSchema,
  state: z.enum(REVIEW_STATES),
  submittedAt: isoTime,
  /** Inline and body comments that came with the review. */
  commentCount: z.number().int().min(0),
  /** A dismissed review never counts as an approval (GitHub may keep state APPROVED or report DISMISSED). */
  dismissed: z.boolean(),
  /** foureyes' own advisory review: never a human review. */
  isFoureyes: z.boolean(),
});
export type ReviewRecord = Omit<z.infer<typeof reviewRecordSchema>, "author"> & { author: Actor };

export const pullRecordSchema = z.object({
  repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'repo must look like "owner/name"'),
  number: z.number().int().positive(),
  url: z.url(),
  title: z.string(),
  author: actorSchema,
  createdAt: isoTime,
  /** The last ready_for_review event, when the PR started as a draft. */
  readyForReviewAt: isoTime.optional(),
  /** Every review_requested event, any order. */
  reviewRequestedAt: z.array(isoTime),
  /** The earliest review request; derived from `reviewRequestedAt` when absent. */
  firstReviewRequestedAt: isoTime.optional(),
  mergedAt: isoTime.optional(),
  /** The last close; ignored unless `state` is "closed" (a reopened PR may still carry it). */
  closedAt: isoTime.optional(),
  draft: z.boolean(),
  state: z.enum(["open", "closed", "merged"]),
  additions: z.number().int().min(0),
  deletions: z.number().int().min(0),
  /** Co-authored-by trailer values of the PR's commits, e.g. "Claude <noreply@anthropic.com>". */
  coAuthors: z.array(z.string()),
  reviews: z.array(reviewRecordSchema),
});
export type PullRecord = Omit<z.infer<typeof pullRecordSchema>, "author" | "reviews"> & {
  author: Actor;
  reviews: ReviewRecord[];
};

/** One advisory comment foureyes posted, and whether people engaged with it. */
export const advisoryCommentRecordSchema = z.object({
  repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'repo must look like "owner/name"'),
  number: z.number().int().positive(),
  commentId: z.union([z.string().min(1), z.number().int()]),
  postedAt: isoTime,
  replied: z.boolean(),
  reacted: z.boolean(),
  resolved: z.boolean(),
});
export type AdvisoryCommentRecord = z.infer<typeof advisoryCommentRecordSchema>;

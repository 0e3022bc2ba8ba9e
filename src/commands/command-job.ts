// The command job: one slash-command comment on a pull request (in its
// conversation or in a review thread), with every command it holds. Its
// schema guards the queue boundary, and its id (one per comment) makes a
// redelivered webhook add nothing.

import { z } from "zod";

import { MAX_QUESTION_CHARS } from "./parse-command.js";

export const COMMAND_QUEUE_NAME = "command";
export const COMMAND_JOB_NAME = "slash-command";

export const commandJobSchema = z.object({
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  pullNumber: z.number().int().positive(),
  /** The conversation comment that holds the command; reactions go on it. */
  commentId: z.number().int().positive(),
  /** The commenter's login; their permission is checked in the worker. */
  sender: z.string().min(1),
  /** The comment's commands in the order written, each once (see parse-command.ts). */
  commands: z
    .array(
      z.discriminatedUnion("name", [
        z.object({ name: z.enum(["review", "full", "tests", "pause", "resume", "help", "forget"]) }),
        z.object({ name: z.literal("ask"), question: z.string().min(1).max(MAX_QUESTION_CHARS) }),
        z.object({ name: z.literal("unknown"), text: z.string() }),
      ]),
    )
    .min(1),
  /** "review-thread": a reply in a review thread (pull_request_review_comment); `inReplyTo` is the thread's first comment. */
  where: z.enum(["conversation", "review-thread"]).optional(),
  inReplyTo: z.number().int().positive().optional(),
  deliveryId: z.string().optional(),
});

export type CommandJobData = z.infer<typeof commandJobSchema>;

/** What a finished command job returns (kept in BullMQ's history for inspection). */
export type CommandJobResult =
  | { status: "answered"; done: CommandOutcome[]; replyId?: number }
  | { status: "refused"; permission: string; replyId: number }
  | { status: "ignored"; reason: "help-answered" }
  | { status: "rate-limited"; scope: "pull" | "installation"; replied: boolean };

/** What one command of the comment did. */
export type CommandOutcome =
  | { command: "review" | "full" | "tests"; status: "review-queued"; reviewJobId: string }
  | { command: "review" | "full" | "tests" | "ask"; status: "pull-closed" }
  | { command: "pause" | "resume"; status: "done" }
  | { command: "ask"; status: "answered" | "model-unavailable" }
  | { command: "forget"; status: "forgotten" | "nothing-to-forget" }
  | { command: "help" | "unknown"; status: "listed" };

/** `owner/repo#number/comment-<id>` (or `review-comment-<id>`): one job per comment (no ":" and never a plain integer, as BullMQ requires). */
export function commandJobId(data: Pick<CommandJobData, "owner" | "repo" | "pullNumber" | "commentId" | "where">): string {
  // Review comments and conversation comments are numbered apart.
  const kind = data.where === "review-thread" ? "review-comment" : "comment";
  return `${data.owner}/${data.repo}#${data.pullNumber}/${kind}-${data.commentId}`;
}

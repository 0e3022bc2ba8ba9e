// The command job: one slash-command comment on a pull request (`/foureyes
// review`, `/foureyes help`). Its schema guards the queue boundary, and its id
// (one per comment) makes a redelivered webhook add nothing.

import { z } from "zod";

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
  command: z.enum(["review", "help", "unknown"]),
  deliveryId: z.string().optional(),
});

export type CommandJobData = z.infer<typeof commandJobSchema>;

/** What a finished command job returns (kept in BullMQ's history for inspection). */
export type CommandJobResult =
  | { status: "review-queued"; reviewJobId: string }
  | { status: "refused"; permission: string }
  | { status: "ignored"; reason: "pull-closed" | "help-answered" }
  | { status: "rate-limited"; scope: "pull" | "installation"; replied: boolean }
  | { status: "replied"; commentId: number };

/** `owner/repo#number/comment-<id>`: one job per comment (no ":" and never a plain integer, as BullMQ requires). */
export function commandJobId(data: Pick<CommandJobData, "owner" | "repo" | "pullNumber" | "commentId">): string {
  return `${data.owner}/${data.repo}#${data.pullNumber}/comment-${data.commentId}`;
}

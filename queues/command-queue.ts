// The command queue: one job per slash-command comment on a pull request
// (`/foureyes review`, `/foureyes help`). The web process only queues it; the
// worker checks permissions and answers. Its schema guards the queue boundary,
// and its id (one per comment) makes a redelivered webhook add nothing.

import { Queue } from "bullmq";
import type { Redis } from "ioredis";
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
  | { status: "ignored"; reason: "pull-closed" }
  | { status: "replied"; commentId: number };

export type CommandQueue = Queue<CommandJobData, CommandJobResult, string>;

/** `owner/repo#number/comment-<id>`: one job per comment (no ":" and never a plain integer, as BullMQ requires). */
export function commandJobId(data: Pick<CommandJobData, "owner" | "repo" | "pullNumber" | "commentId">): string {
  return `${data.owner}/${data.repo}#${data.pullNumber}/comment-${data.commentId}`;
}

export function createCommandQueue(connection: Redis, options: { prefix?: string } = {}): CommandQueue {
  return new Queue<CommandJobData, CommandJobResult, string>(COMMAND_QUEUE_NAME, {
    connection,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    defaultJobOptions: {
      // A command answers a person who is waiting; a GitHub hiccup gets a few quick tries.
      attempts: 4,
      backoff: { type: "exponential", delay: 2_000, jitter: 0.2 },
      // Kept a week, so a redelivery of the same comment finds its job and adds nothing.
      removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
      removeOnFail: { count: 1_000, age: 30 * 24 * 3600 },
    },
  });
}

export type EnqueueCommandResult = { status: "queued"; jobId: string } | { status: "duplicate"; jobId: string };

/** Queues the command of one comment, unless that comment already has a job. */
export async function enqueueCommand(queue: CommandQueue, data: CommandJobData): Promise<EnqueueCommandResult> {
  const jobId = commandJobId(data);
  if (await queue.getJob(jobId)) return { status: "duplicate", jobId };
  // An id that exists already makes `add` a no-op, so two deliveries racing here still make one job.
  await queue.add(COMMAND_JOB_NAME, data, { jobId });
  return { status: "queued", jobId };
}

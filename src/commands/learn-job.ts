// The learn job, on the command queue: when a pull request is closed, or a
// review thread on it is resolved, foureyes reads what the team said about
// its comments there (src/learning). GitHub sends no webhook for reactions,
// so a closed pull request is the last chance to read them.

import { z } from "zod";

import type { ResolutionOutcome } from "../learning/record-resolution.js";

export const LEARN_JOB_NAME = "learn-from-team";

export const learnJobSchema = z.object({
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  pullNumber: z.number().int().positive(),
  /** The pull request's author: their own reactions and resolutions do not teach foureyes. */
  authorLogin: z.string().min(1),
  trigger: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("closed") }),
    /** `commentId`: the thread's first comment; `resolvedBy`: who resolved it. */
    z.object({ kind: z.literal("thread-resolved"), commentId: z.number().int().positive(), resolvedBy: z.string().min(1) }),
  ]),
  deliveryId: z.string().optional(),
});

export type LearnJobData = z.infer<typeof learnJobSchema>;

/** What a finished learn job returns: comments whose signals were recorded, or what a resolution counted as. */
export type LearnJobResult = { status: "learned"; comments: number } | { status: "resolution"; outcome: ResolutionOutcome };

/** One job per closing (the delivery) or per resolution of a thread. */
export function learnJobId(data: LearnJobData): string {
  const pull = `${data.owner}/${data.repo}#${data.pullNumber}`;
  return data.trigger.kind === "closed" ? `${pull}/closed-${data.deliveryId ?? "once"}` : `${pull}/resolved-${data.trigger.commentId}-${data.deliveryId ?? "once"}`;
}

// The precision a team sees, per repository, for the report's week: how many
// comments foureyes posted, and what the team said about them (👍, 👎, thread
// resolved after a change or set aside), from the learning store. The store
// keeps one record per comment with the time of its last signal, so a
// comment counts in the week its last signal was recorded. Per repository
// only, never per person, whatever the report's people mode.

import type { LearningStore } from "../learning/learning-store.js";
import type { AdvisoryCommentRecord } from "./types.js";

export interface RepoPrecision {
  /** "owner/name". */
  repo: string;
  /** foureyes' inline comments posted this week (from the backfill). */
  posted: number;
  thumbsUp: number;
  thumbsDown: number;
  /** Threads resolved after the commented line changed. */
  actedOn: number;
  /** Threads resolved with the line unchanged, or comments with a 👎 (each comment counted once). */
  dismissed: number;
  /** actedOn / (actedOn + dismissed); null when neither happened. */
  actedOnShare: number | null;
}

export async function readTeamPrecision(input: {
  store: LearningStore;
  installationId: number;
  repos: readonly string[];
  window: { start: Date; end: Date };
  advisory: readonly AdvisoryCommentRecord[];
}): Promise<RepoPrecision[]> {
  const { start, end } = input.window;
  const inWeek = (iso: string): boolean => {
    const time = Date.parse(iso);
    return time >= start.getTime() && time < end.getTime();
  };
  const figures: RepoPrecision[] = [];
  for (const repo of [...input.repos].sort()) {
    const [owner, name] = repo.split("/") as [string, string];
    const signals = (await input.store.list({ installationId: input.installationId, owner, repo: name })).filter((signal) => inWeek(signal.at));
    const posted = input.advisory.filter((comment) => comment.repo.toLowerCase() === repo.toLowerCase() && inWeek(comment.postedAt)).length;
    const actedOn = signals.filter((signal) => signal.resolved === "after-change").length;
    const dismissed = signals.filter((signal) => signal.resolved !== "after-change" && (signal.resolved === "unchanged" || signal.thumbsDown > 0 || signal.dismissedByReply === true)).length;
    figures.push({
      repo,
      posted,
      thumbsUp: signals.reduce((sum, signal) => sum + signal.thumbsUp, 0),
      thumbsDown: signals.reduce((sum, signal) => sum + signal.thumbsDown, 0),
      actedOn,
      dismissed,
      actedOnShare: actedOn + dismissed === 0 ? null : actedOn / (actedOn + dismissed),
    });
  }
  return figures;
}

// A resolved review thread on one of foureyes' comments: resolved while the
// commented line is unchanged at the head, the team set the finding aside;
// resolved after the line changed, the team acted on it. Only a resolution by
// someone with write access who is not the pull request's author teaches
// foureyes anything (an author cannot silence a finding for the repository).

import { type AppIdentity, isAppAccount } from "../core/app-identity.js";
import { parseFindingMarker } from "../core/markers.js";
import type { GitHubClient } from "../github/octokit.js";
import { readPermission } from "../github/read-permission.js";
import { readReviewComment } from "../github/read-review-comment.js";
import { findingText } from "./finding-text.js";
import type { LearningStore, RepoKey } from "./learning-store.js";

const TEAM = new Set(["admin", "maintain", "write"]);

export type ResolutionOutcome = "set-aside" | "acted-on" | "not-foureyes" | "not-counted";

export async function recordResolution(input: {
  octokit: GitHubClient;
  pull: RepoKey & { pullNumber: number; authorLogin: string };
  commentId: number;
  resolvedBy: string;
  app: AppIdentity;
  store: LearningStore;
}): Promise<ResolutionOutcome> {
  const { octokit, pull, store } = input;
  const comment = await readReviewComment(octokit, pull, input.commentId);
  const identity = parseFindingMarker(comment.body);
  if (!identity || !isAppAccount(comment.author, input.app)) return "not-foureyes";
  if (input.resolvedBy.toLowerCase() === pull.authorLogin.toLowerCase()) return "not-counted";
  if (!TEAM.has(await readPermission(octokit, pull, input.resolvedBy))) return "not-counted";
  const resolved = comment.lineUnchanged ? "unchanged" : "after-change";
  const update = { resolved, at: new Date().toISOString() } as const;
  const known = (await store.list(pull)).find((signal) => signal.commentId === comment.id);
  const base = known ?? { commentId: comment.id, pull: pull.pullNumber, ...identity, text: findingText(comment.body), thumbsUp: 0, thumbsDown: 0 };
  await store.record(pull, { ...base, ...update });
  return resolved === "unchanged" ? "set-aside" : "acted-on";
}

// Reads what the team said about foureyes' findings on one pull request and
// records it for the repository: the 👍 and 👎 on each of foureyes' own
// inline comments that carry a finding marker, and replies under them that
// dismiss the finding ("won't fix", "false positive", …). Run when a new review of the
// pull request starts and when it is closed (GitHub sends no webhook for
// reactions). Only people with write access count, and never the pull
// request's author: a finding on your own change is not yours to silence
// for the whole repository.

import { type AppIdentity, isAppAccount } from "../core/app-identity.js";
import { isHumanDismissal } from "../core/dismissing-reply.js";
import type { Logger } from "../core/logger.js";
import { parseFindingMarker } from "../core/markers.js";
import { listCommentReactions } from "../github/list-comment-reactions.js";
import { listReviewComments } from "../github/list-review-comments.js";
import type { GitHubClient } from "../github/octokit.js";
import { readPermission } from "../github/read-permission.js";
import { findingText } from "./finding-text.js";
import type { LearningStore, RepoKey, TeamSignal } from "./learning-store.js";

const TEAM = new Set(["admin", "maintain", "write"]);

export interface CollectInput {
  octokit: GitHubClient;
  pull: RepoKey & { pullNumber: number; authorLogin: string };
  app: AppIdentity;
  store: LearningStore;
  logger?: Pick<Logger, "info"> | undefined;
}

/** Returns how many comments had a signal recorded. */
export async function collectTeamSignals({ octokit, pull, app, store, logger }: CollectInput): Promise<number> {
  const comments = await listReviewComments(octokit, pull);
  const own = comments.filter((comment) => isAppAccount(comment.author, app) && parseFindingMarker(comment.body) !== null);
  const isTeam = teamCheck(octokit, pull);
  const isHuman = (author: { login: string; type: string } | null): author is { login: string; type: string } =>
    author !== null && author.type !== "Bot" && !isAppAccount(author, app) && author.login.toLowerCase() !== pull.authorLogin.toLowerCase();
  let recorded = 0;
  for (const comment of own) {
    const dismissals = comments.filter((reply) => reply.inReplyTo === comment.id && isHumanDismissal(reply, app) && isHuman(reply.author));
    let dismissedByReply = false;
    for (const reply of dismissals) if (reply.author && (await isTeam(reply.author.login))) dismissedByReply = true;
    const reactions = await listCommentReactions(octokit, pull, comment.id);
    let thumbsUp = 0;
    let thumbsDown = 0;
    for (const reaction of reactions) {
      if (reaction.content !== "+1" && reaction.content !== "-1") continue;
      if (!isHuman(reaction.user) || !(await isTeam(reaction.user.login))) continue;
      if (reaction.content === "+1") thumbsUp += 1;
      else thumbsDown += 1;
    }
    if (thumbsUp + thumbsDown === 0 && !dismissedByReply) continue;
    const identity = parseFindingMarker(comment.body)!;
    const known = (await store.list(pull)).find((signal) => signal.commentId === comment.id);
    const text = findingText(comment.body);
    // A resolution recorded earlier stays with the comment; reactions and replies are read anew.
    const signal: TeamSignal = { ...known, commentId: comment.id, pull: pull.pullNumber, ...identity, text, thumbsUp, thumbsDown, dismissedByReply, at: new Date().toISOString() };
    if (!dismissedByReply) delete signal.dismissedByReply;
    await store.record(pull, signal);
    recorded += 1;
  }
  logger?.info({ comments: own.length, recorded }, "team reactions to foureyes' comments read");
  return recorded;
}

/** Permission reads cached for one collection: a team reacts with a handful of people. */
function teamCheck(octokit: GitHubClient, repository: RepoKey): (login: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (login) => {
    let answer = known.get(login);
    if (!answer) {
      answer = readPermission(octokit, repository, login).then((permission) => TEAM.has(permission));
      known.set(login, answer);
    }
    return answer;
  };
}

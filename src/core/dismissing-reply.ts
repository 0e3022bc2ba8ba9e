// A human's reply under a foureyes comment that sets the finding aside: a
// short, explicit list of phrases, matched as whole words.

import { type AppIdentity, type Author, isAppAccount } from "./app-identity.js";

const DISMISSING_REPLY = /\b(won'?t fix|wontfix|not an issue|false positive|not a bug|ignore)\b/i;

export function isDismissingReply(text: string): boolean {
  return DISMISSING_REPLY.test(text);
}

/** A reply (not a thread's first comment) by a person, not a bot or foureyes itself, that dismisses the finding. */
export function isHumanDismissal(comment: { inReplyTo: number | null; author: Author | null; body: string }, app: Pick<AppIdentity, "slug" | "login">): boolean {
  if (comment.inReplyTo === null || !comment.author || comment.author.type === "Bot" || isAppAccount(comment.author, app)) return false;
  return isDismissingReply(comment.body);
}

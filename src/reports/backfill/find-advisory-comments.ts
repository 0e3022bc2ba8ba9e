// Finds foureyes' inline advisory comments among a pull request's review
// threads and what people did with each: replied in the thread, reacted to
// it, resolved the thread. Pure. A thread is foureyes' when its opening
// comment ends with the hidden comment marker (src/review/markers.ts); the
// app's reviews post their inline comments as thread openings, never replies.

import { COMMENT_MARKER } from "../../core/markers.js";
import type { AdvisoryCommentRecord } from "../types.js";
import type { ReviewThreadNode } from "./report-graphql-schemas.js";

/** A deleted account shows as a null author; GitHub calls it "ghost". */
const GHOST = "ghost";

export function findAdvisoryComments(
  repo: string,
  number: number,
  threads: readonly ReviewThreadNode[],
  appLogin?: string,
): AdvisoryCommentRecord[] {
  const found: AdvisoryCommentRecord[] = [];
  for (const thread of threads) {
    const opening = thread.opening.nodes[0];
    if (!opening || !opening.body.trimEnd().endsWith(COMMENT_MARKER)) continue;
    const postedMs = Date.parse(opening.createdAt);
    if (Number.isNaN(postedMs)) continue;
    // foureyes is whoever wrote the opening (and the app's login, when known).
    const own = new Set([loginOf(opening.author), ...(appLogin ? [appLogin.toLowerCase()] : [])]);
    found.push({
      repo,
      number,
      commentId: opening.databaseId ?? `${repo}#${number}@${opening.createdAt}`,
      postedAt: new Date(postedMs).toISOString(),
      // The first reply node is the opening itself (both lists start there).
      replied: thread.replies.nodes.slice(1).some((reply) => !own.has(loginOf(reply.author))),
      reacted: opening.reactions.totalCount > 0,
      resolved: thread.isResolved,
    });
  }
  return found;
}

function loginOf(author: { login: string } | null): string {
  return (author?.login ?? GHOST).toLowerCase();
}

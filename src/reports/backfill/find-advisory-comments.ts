// Finds foureyes' inline advisory comments among a pull request's review
// threads and what people did with each: replied in the thread, reacted to
// it, resolved the thread. Pure. A thread is foureyes' when its opening
// comment ends with the hidden comment marker (src/core/markers.ts) and, when
// foureyes' account is known, that account wrote it (anyone can type the
// marker); the app's reviews post their inline comments as thread openings,
// never replies.

import { type AppIdentity, isAppAccount } from "../../core/app-identity.js";
import { COMMENT_MARKER } from "../../core/markers.js";
import type { AdvisoryCommentRecord } from "../types.js";
import type { ReviewThreadNode } from "./report-graphql-schemas.js";

/** A deleted account shows as a null author; GitHub calls it "ghost". */
const GHOST = "ghost";

export function findAdvisoryComments(
  repo: string,
  number: number,
  threads: readonly ReviewThreadNode[],
  app?: AppIdentity,
): AdvisoryCommentRecord[] {
  const found: AdvisoryCommentRecord[] = [];
  for (const thread of threads) {
    const opening = thread.opening.nodes[0];
    if (!opening || !opening.body.trimEnd().endsWith(COMMENT_MARKER)) continue;
    if (app !== undefined && !isAppAccount(authorOf(opening.author), app)) continue;
    const postedMs = Date.parse(opening.createdAt);
    if (Number.isNaN(postedMs)) continue;
    // foureyes is its account when known, else whoever wrote the opening.
    const isOwn = (author: GraphqlAuthor | null) =>
      app !== undefined ? isAppAccount(authorOf(author), app) : loginOf(author) === loginOf(opening.author);
    found.push({
      repo,
      number,
      commentId: opening.databaseId ?? `${repo}#${number}@${opening.createdAt}`,
      postedAt: new Date(postedMs).toISOString(),
      // The first reply node is the opening itself (both lists start there).
      replied: thread.replies.nodes.slice(1).some((reply) => !isOwn(reply.author)),
      reacted: opening.reactions.totalCount > 0,
      resolved: thread.isResolved,
    });
  }
  return found;
}

type GraphqlAuthor = { login: string; __typename?: string };

function loginOf(author: GraphqlAuthor | null): string {
  return (author?.login ?? GHOST).toLowerCase();
}

function authorOf(author: GraphqlAuthor | null): { login: string; type?: string } | null {
  return author && { login: author.login, ...(author.__typename !== undefined ? { type: author.__typename } : {}) };
}

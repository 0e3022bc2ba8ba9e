// The review comments whose threads someone resolved on a pull request, read
// with one GraphQL query a page (the REST API does not say what is resolved).

import { z } from "zod";

import type { GitHubClient } from "./octokit.js";

const RESOLVED_THREADS_QUERY = `query ResolvedReviewThreads($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { isResolved comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`;

const threadsPageSchema = z.object({
  repository: z.object({
    pullRequest: z
      .object({
        reviewThreads: z.object({
          pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
          nodes: z.array(
            z.object({
              isResolved: z.boolean(),
              comments: z.object({ nodes: z.array(z.object({ databaseId: z.number().int().nullable() })) }),
            }),
          ),
        }),
      })
      .nullable(),
  }),
});

/** A pull request with more threads than this is unusual; the rest are treated as open. */
const MAX_PAGES = 10;

/** Ids of the first comment of every resolved review thread. */
export async function listResolvedCommentIds(
  octokit: GitHubClient,
  target: { owner: string; repo: string; pullNumber: number },
): Promise<Set<number>> {
  const resolved = new Set<number>();
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = threadsPageSchema.safeParse(
      await octokit.graphql(RESOLVED_THREADS_QUERY, { owner: target.owner, name: target.repo, number: target.pullNumber, after }),
    );
    if (!answer.success) throw new Error(`GitHub answered the review threads query in an unexpected shape: ${answer.error.message}`);
    const threads = answer.data.repository.pullRequest?.reviewThreads;
    if (!threads) break;
    for (const thread of threads.nodes) {
      const first = thread.comments.nodes[0]?.databaseId;
      if (thread.isResolved && typeof first === "number") resolved.add(first);
    }
    if (!threads.pageInfo.hasNextPage || threads.pageInfo.endCursor === null) break;
    after = threads.pageInfo.endCursor;
  }
  return resolved;
}

// zod schemas of the GraphQL answers the backfill depends on, and an error
// that names the field when GitHub's shape differs from what is expected.

import { z } from "zod";

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const author = z.object({ login: z.string(), __typename: z.string() }).nullable();

export const reviewNodeSchema = z.object({
  databaseId: z.number().int().nullable(),
  id: z.string(),
  state: z.enum(["PENDING", "COMMENTED", "APPROVED", "CHANGES_REQUESTED", "DISMISSED"]),
  submittedAt: z.string().nullable(),
  body: z.string().nullable(),
  author,
  comments: z.object({ totalCount: z.number().int().min(0) }),
});

export const timelineNodeSchema = z.object({
  __typename: z.string(),
  createdAt: z.string().optional(),
});

export const commitNodeSchema = z.object({ commit: z.object({ message: z.string() }) });

/** A review thread: its opening comment in full, and who wrote the comments after it (see report-queries.ts). */
export const reviewThreadNodeSchema = z.object({
  isResolved: z.boolean(),
  opening: z.object({
    nodes: z.array(
      z.object({
        databaseId: z.number().int().nullable(),
        body: z.string(),
        createdAt: z.string(),
        author,
        reactions: z.object({ totalCount: z.number().int().min(0) }),
      }),
    ),
  }),
  replies: z.object({ nodes: z.array(z.object({ author })) }),
});

const reviewsSchema = z.object({ pageInfo, nodes: z.array(reviewNodeSchema) });
const timelineSchema = z.object({ pageInfo, nodes: z.array(timelineNodeSchema) });
const commitsSchema = z.object({ pageInfo, nodes: z.array(commitNodeSchema) });
const reviewThreadsSchema = z.object({ pageInfo, nodes: z.array(reviewThreadNodeSchema) });

export const pullNodeSchema = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  url: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mergedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  state: z.enum(["OPEN", "CLOSED", "MERGED"]),
  isDraft: z.boolean(),
  additions: z.number().int().min(0),
  deletions: z.number().int().min(0),
  author,
  reviews: reviewsSchema,
  timelineItems: timelineSchema,
  commits: commitsSchema,
  reviewThreads: reviewThreadsSchema,
});

export const pullPageSchema = z.object({
  repository: z
    .object({
      pullRequests: z.object({ pageInfo, nodes: z.array(pullNodeSchema) }),
    })
    .nullable(),
});

export const pullMoreSchema = z.object({
  node: z
    .object({
      reviews: reviewsSchema.optional(),
      timelineItems: timelineSchema.optional(),
      commits: commitsSchema.optional(),
      reviewThreads: reviewThreadsSchema.optional(),
    })
    .nullable(),
});

export type PullNode = z.infer<typeof pullNodeSchema>;
export type ReviewNode = z.infer<typeof reviewNodeSchema>;
export type TimelineNode = z.infer<typeof timelineNodeSchema>;
export type CommitNode = z.infer<typeof commitNodeSchema>;
export type ReviewThreadNode = z.infer<typeof reviewThreadNodeSchema>;

export class UnexpectedGitHubResponseError extends Error {
  override name = "UnexpectedGitHubResponseError";
}

/** Parses `data` or throws naming the first fields that differ, e.g. "repository.pullRequests.nodes.3.author.login". */
export function parseGraphqlAnswer<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`)
    .join("; ");
  throw new UnexpectedGitHubResponseError(
    `GitHub's GraphQL answer for ${what} has an unexpected shape (${problems}); the GitHub or GHES version may not support a field the report needs`,
  );
}

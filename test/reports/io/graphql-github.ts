// A GraphQL endpoint for the report backfill behind the GitHub HTTP mock:
// answers the backfill's queries from a list of pull requests in GitHub's
// recorded response shape (pages of 100, opaque cursors, inner connections cut
// at 100 with pageInfo), honouring `states`, the UPDATED_AT order and `after`.
// Review threads answer the query's aliases: `opening` (the first comment in
// full) and `replies` (the first 20 comments' authors).

import type { Expectation, GitHubMock } from "../../helpers/github-mock.js";

export interface FakeReview {
  databaseId: number;
  state: "PENDING" | "COMMENTED" | "APPROVED" | "CHANGES_REQUESTED" | "DISMISSED";
  submittedAt: string | null;
  body?: string;
  author: { login: string; __typename: string } | null;
  comments?: number;
}

export interface FakeThreadComment {
  databaseId: number;
  body: string;
  createdAt: string;
  author: { login: string; __typename: string } | null;
  reactions?: number;
}

export interface FakeThread {
  isResolved?: boolean;
  /** The opening comment first. */
  comments: FakeThreadComment[];
}

export interface FakePull {
  number: number;
  title?: string;
  createdAt: string;
  updatedAt: string;
  mergedAt?: string | null;
  closedAt?: string | null;
  state?: "OPEN" | "CLOSED" | "MERGED";
  isDraft?: boolean;
  additions?: number;
  deletions?: number;
  author?: { login: string; __typename: string } | null;
  reviews?: FakeReview[];
  timeline?: { type: "ReadyForReviewEvent" | "ReviewRequestedEvent"; createdAt: string }[];
  commitMessages?: string[];
  threads?: FakeThread[];
}

const INNER = 100;

function cursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString("base64");
}

function indexAfter(after: unknown): number {
  if (typeof after !== "string") return 0;
  return Number(Buffer.from(after, "base64").toString("utf8").split(":")[2]) + 1;
}

function connection<T>(items: T[], after: unknown, size: number): { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] } {
  const start = indexAfter(after);
  const nodes = items.slice(start, start + size);
  const end = start + nodes.length - 1;
  return { pageInfo: { hasNextPage: start + size < items.length, endCursor: nodes.length > 0 ? cursor(end) : null }, nodes };
}

function nodeId(repo: string, number: number): string {
  return Buffer.from(`PR:${repo}#${number}`).toString("base64");
}

function reviewsOf(pull: FakePull) {
  return (pull.reviews ?? []).map((review) => ({
    databaseId: review.databaseId,
    id: `PRR_${review.databaseId}`,
    state: review.state,
    submittedAt: review.submittedAt,
    body: review.body ?? "",
    author: review.author,
    comments: { totalCount: review.comments ?? 0 },
  }));
}

function timelineOf(pull: FakePull) {
  return (pull.timeline ?? []).map((item) => ({ __typename: item.type, createdAt: item.createdAt }));
}

function commitsOf(pull: FakePull) {
  return (pull.commitMessages ?? ["Change things"]).map((message) => ({ commit: { message } }));
}

/** Answers only what the query asks for, so a query that forgets a field fails the shape check. */
function threadsOf(pull: FakePull, query: string) {
  const asks = (alias: string) => query.includes(`${alias}: comments(`);
  return (pull.threads ?? []).map((thread) => {
    const opening = thread.comments.slice(0, 1).map((comment) => ({
      databaseId: comment.databaseId,
      body: comment.body,
      createdAt: comment.createdAt,
      author: comment.author,
      reactions: { totalCount: comment.reactions ?? 0 },
    }));
    const replies = thread.comments.slice(0, 20).map((comment) => ({ author: comment.author }));
    return {
      isResolved: thread.isResolved ?? false,
      ...(asks("opening") ? { opening: { nodes: opening } } : {}),
      ...(asks("replies") ? { replies: { nodes: replies } } : {}),
    };
  });
}

function pullNode(repo: string, pull: FakePull, query: string) {
  const state = pull.state ?? "OPEN";
  return {
    id: nodeId(repo, pull.number),
    number: pull.number,
    url: `https://github.com/${repo}/pull/${pull.number}`,
    title: pull.title ?? `Change ${pull.number}`,
    createdAt: pull.createdAt,
    updatedAt: pull.updatedAt,
    mergedAt: pull.mergedAt ?? null,
    closedAt: pull.closedAt ?? null,
    state,
    isDraft: pull.isDraft ?? false,
    additions: pull.additions ?? 10,
    deletions: pull.deletions ?? 2,
    author: pull.author === undefined ? { login: "octocat", __typename: "User" } : pull.author,
    reviews: connection(reviewsOf(pull), null, INNER),
    timelineItems: connection(timelineOf(pull), null, INNER),
    commits: connection(commitsOf(pull), null, INNER),
    ...(query.includes("reviewThreads(") ? { reviewThreads: connection(threadsOf(pull, query), null, INNER) } : {}),
  };
}

/** Registers POST /graphql answering every backfill query for `repos` ("owner/name" → pull requests). */
export function serveReportGraphql(gh: GitHubMock, repos: Record<string, FakePull[]>): Expectation {
  const byNodeId = new Map<string, { repo: string; pull: FakePull }>();
  for (const [repo, pulls] of Object.entries(repos)) for (const pull of pulls) byNodeId.set(nodeId(repo, pull.number), { repo, pull });

  return gh.on(
    "POST",
    "/graphql",
    (body: { query: string; variables: Record<string, unknown> }) => {
      const vars = body.variables;
      if (body.query.includes("query ReportPullPage")) {
        const repo = `${String(vars.owner)}/${String(vars.name)}`;
        const pulls = repos[repo];
        if (!pulls) return [200, { data: { repository: null }, errors: [{ type: "NOT_FOUND", message: `Could not resolve to a Repository with the name '${repo}'.` }] }];
        const states = vars.states as string[] | null | undefined;
        const direction = vars.direction === "ASC" ? 1 : -1;
        const listed = pulls
          .filter((pull) => !states || states.includes(pull.state ?? "OPEN"))
          .sort((a, b) => direction * (Date.parse(a.updatedAt) - Date.parse(b.updatedAt)) || direction * (a.number - b.number))
          .map((pull) => pullNode(repo, pull, body.query));
        return [200, { data: { repository: { pullRequests: connection(listed, vars.after, 100) } } }];
      }
      if (body.query.includes("query ReportPullMore")) {
        const found = byNodeId.get(String(vars.id));
        if (!found) return [200, { data: { node: null } }];
        const node: Record<string, unknown> = {};
        if (vars.reviews) node.reviews = connection(reviewsOf(found.pull), vars.reviewsAfter, INNER);
        if (vars.timeline) node.timelineItems = connection(timelineOf(found.pull), vars.timelineAfter, INNER);
        if (vars.commits) node.commits = connection(commitsOf(found.pull), vars.commitsAfter, INNER);
        if (vars.threads) node.reviewThreads = connection(threadsOf(found.pull, body.query), vars.threadsAfter, INNER);
        return [200, { data: { node } }];
      }
      return [400, { message: "unexpected GraphQL query in the report mock" }];
    },
    { times: Infinity },
  );
}

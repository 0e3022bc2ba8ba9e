// Reads a repository's pull requests for a report window from GitHub's GraphQL
// API: `repository.pullRequests` by UPDATED_AT, newest first, until `updatedAt`
// leaves the window (no 1,000-result search cap). The open pull requests the
// review queue needs are read first, oldest first, up to where the main
// listing takes over, so nothing updated in between falls through the gap.
// Inner lists (reviews, timeline items, commits, review threads) past 100 are
// fetched with a follow-up query only when GitHub says there are more. Rate
// limits are the Octokit's business (Probot's has the throttling and retry
// plugins). Besides the pull requests it returns foureyes' inline advisory
// comments found in their review threads, with the engagement each got.

import type { AppIdentity } from "../../core/app-identity.js";
import { buildPullRecord } from "../build-pull-record.js";
import { isFoureyesReview } from "../record/is-foureyes-review.js";
import type { Actor, AdvisoryCommentRecord, PullRecord, ReviewRecord } from "../types.js";
import { findAdvisoryComments } from "./find-advisory-comments.js";
import { parseCoAuthors } from "./parse-co-authors.js";
import {
  type CommitNode,
  parseGraphqlAnswer,
  pullMoreSchema,
  type PullNode,
  pullPageSchema,
  type ReviewNode,
  type TimelineNode,
  UnexpectedGitHubResponseError,
} from "./report-graphql-schemas.js";
import { PULL_MORE_QUERY, PULL_PAGE_QUERY } from "./report-queries.js";

/** The part of an Octokit the backfill uses. */
export interface GraphqlClient {
  graphql: (query: string, parameters?: Record<string, unknown>) => Promise<unknown>;
}

export interface BackfillRange {
  owner: string;
  repo: string;
  /** Pull requests last updated before this are not read (open ones excepted: the queue needs them). */
  since: Date;
  /** Pull requests created at or after this are left out. */
  until?: Date;
  /** foureyes' own account, when known: then only its reviews and comments count as foureyes'. */
  app?: AppIdentity | undefined;
}

export interface BackfilledPulls {
  /** By number. */
  pulls: PullRecord[];
  /** foureyes' inline comments on those pull requests, by pull request and time. */
  advisory: AdvisoryCommentRecord[];
}

export async function backfillPulls(octokit: GraphqlClient, range: BackfillRange): Promise<BackfilledPulls> {
  const name = `${range.owner}/${range.repo}`;
  const sinceMs = range.since.getTime();
  const nodes = new Map<number, PullNode>();

  // 1. Open pull requests not updated since `since`, oldest first (they may wait for weeks).
  await listPulls(octokit, range, { states: ["OPEN"], direction: "ASC" }, (node) => {
    if (Date.parse(node.updatedAt) >= sinceMs) return false;
    nodes.set(node.number, node);
    return true;
  });
  // 2. Everything updated since `since`, newest first.
  await listPulls(octokit, range, { states: null, direction: "DESC" }, (node) => {
    if (Date.parse(node.updatedAt) < sinceMs) return false;
    nodes.set(node.number, node);
    return true;
  });

  const pulls: PullRecord[] = [];
  const advisory: AdvisoryCommentRecord[] = [];
  for (const node of nodes.values()) {
    if (range.until && Date.parse(node.createdAt) >= range.until.getTime()) continue;
    const complete = await completeInnerLists(octokit, node, name);
    pulls.push(toPullRecord(name, complete, range.app));
    advisory.push(...findAdvisoryComments(name, node.number, complete.reviewThreads.nodes, range.app));
  }
  pulls.sort((a, b) => a.number - b.number);
  advisory.sort((a, b) => a.number - b.number || a.postedAt.localeCompare(b.postedAt));
  return { pulls, advisory };
}

/** Pages through pull requests until `take` returns false or the list ends. */
async function listPulls(
  octokit: GraphqlClient,
  range: BackfillRange,
  order: { states: string[] | null; direction: "ASC" | "DESC" },
  take: (node: PullNode) => boolean,
): Promise<void> {
  const name = `${range.owner}/${range.repo}`;
  let after: string | null = null;
  for (;;) {
    const data = await octokit.graphql(PULL_PAGE_QUERY, { owner: range.owner, name: range.repo, ...order, after });
    const page = parseGraphqlAnswer(pullPageSchema, data, `${name}'s pull requests`);
    if (!page.repository) throw new UnexpectedGitHubResponseError(`GitHub found no repository ${name} (or the token cannot read it)`);
    const { nodes, pageInfo } = page.repository.pullRequests;
    for (const node of nodes) if (!take(node)) return;
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return;
    after = pageInfo.endCursor;
  }
}

/** Follows `hasNextPage` on the pull request's reviews, timeline items, commits and review threads. */
async function completeInnerLists(octokit: GraphqlClient, node: PullNode, name: string): Promise<PullNode> {
  const reviews = { ...node.reviews, nodes: [...node.reviews.nodes] };
  const timelineItems = { ...node.timelineItems, nodes: [...node.timelineItems.nodes] };
  const commits = { ...node.commits, nodes: [...node.commits.nodes] };
  const reviewThreads = { ...node.reviewThreads, nodes: [...node.reviewThreads.nodes] };
  const hasMore = () => [reviews, timelineItems, commits, reviewThreads].some((list) => list.pageInfo.hasNextPage);
  while (hasMore()) {
    const data = await octokit.graphql(PULL_MORE_QUERY, {
      id: node.id,
      reviews: reviews.pageInfo.hasNextPage,
      reviewsAfter: reviews.pageInfo.endCursor,
      timeline: timelineItems.pageInfo.hasNextPage,
      timelineAfter: timelineItems.pageInfo.endCursor,
      commits: commits.pageInfo.hasNextPage,
      commitsAfter: commits.pageInfo.endCursor,
      threads: reviewThreads.pageInfo.hasNextPage,
      threadsAfter: reviewThreads.pageInfo.endCursor,
    });
    const more = parseGraphqlAnswer(pullMoreSchema, data, `${name}#${node.number}`).node;
    if (!more) throw new UnexpectedGitHubResponseError(`GitHub no longer finds ${name}#${node.number} while reading its reviews`);
    extend(reviews, more.reviews, "reviews", `${name}#${node.number}`);
    extend(timelineItems, more.timelineItems, "timelineItems", `${name}#${node.number}`);
    extend(commits, more.commits, "commits", `${name}#${node.number}`);
    extend(reviewThreads, more.reviewThreads, "reviewThreads", `${name}#${node.number}`);
  }
  return { ...node, reviews, timelineItems, commits, reviewThreads };
}

type Connection<T> = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] };

function extend<T>(into: Connection<T>, page: Connection<T> | undefined, field: string, what: string): void {
  if (!into.pageInfo.hasNextPage) return;
  if (!page) throw new UnexpectedGitHubResponseError(`GitHub's follow-up answer for ${what} lacks ${field}`);
  into.nodes.push(...page.nodes);
  // A next page without a cursor would loop forever; stop there instead.
  into.pageInfo = { hasNextPage: page.pageInfo.hasNextPage && page.pageInfo.endCursor !== null, endCursor: page.pageInfo.endCursor };
}

function toPullRecord(repo: string, node: PullNode, app: AppIdentity | undefined): PullRecord {
  const ready = timelineTimes(node.timelineItems.nodes, "ReadyForReviewEvent");
  const requested = timelineTimes(node.timelineItems.nodes, "ReviewRequestedEvent");
  return buildPullRecord({
    repo,
    number: node.number,
    url: node.url,
    title: node.title,
    author: actorOf(node.author),
    createdAt: iso(node.createdAt),
    ready,
    requested,
    mergedAt: node.mergedAt ? iso(node.mergedAt) : null,
    closedAt: node.closedAt ? iso(node.closedAt) : null,
    draft: node.isDraft,
    state: node.state === "MERGED" ? "merged" : node.state === "CLOSED" ? "closed" : "open",
    additions: node.additions,
    deletions: node.deletions,
    coAuthors: [...new Set(node.commits.nodes.flatMap((commit: CommitNode) => parseCoAuthors(commit.commit.message)))],
    reviews: node.reviews.nodes.flatMap((review) => reviewRecordOf(review, app)),
  });
}

function reviewRecordOf(review: ReviewNode, app: AppIdentity | undefined): ReviewRecord[] {
  // Pending reviews are drafts nobody else can see yet.
  if (review.state === "PENDING" || review.submittedAt === null) return [];
  const author = actorOf(review.author);
  const body = review.body ?? "";
  return [
    {
      id: review.databaseId !== null ? String(review.databaseId) : review.id,
      author,
      state: review.state,
      submittedAt: iso(review.submittedAt),
      // Inline comments plus the body, when one was written (as the webhook record counts it).
      commentCount: review.comments.totalCount + (body.trim() !== "" ? 1 : 0),
      dismissed: review.state === "DISMISSED",
      isFoureyes: isFoureyesReview({ body, author }, app),
    },
  ];
}

function timelineTimes(nodes: TimelineNode[], type: string): string[] {
  return nodes
    .filter((item) => item.__typename === type && typeof item.createdAt === "string")
    .map((item) => iso(item.createdAt as string))
    .sort();
}

/** A deleted account shows as a null author; GitHub calls it "ghost". */
function actorOf(author: { login: string; __typename: string } | null): Actor {
  if (!author) return { login: "ghost", type: "User" };
  return { login: author.login, type: author.__typename === "EnterpriseUserAccount" ? "User" : author.__typename };
}

function iso(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UnexpectedGitHubResponseError(`GitHub sent "${value}" where a time was expected`);
  return new Date(ms).toISOString();
}

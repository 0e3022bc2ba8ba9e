// The GraphQL queries of the review-load backfill. One page of 100 pull
// requests with everything the metrics need (reviews, ready-for-review and
// review-request timeline items, commit messages for co-author trailers,
// review threads for foureyes' own effect), and a follow-up for a pull request
// whose inner lists run past 100 (rare).
//
// Review bodies stay: review depth counts a written body as one comment (as
// the webhook record does), and they carry foureyes' head marker.
//
// Review threads: only the opening comment of a thread can be foureyes' inline
// comment (it never starts a thread as a reply), so only that comment is read
// with its body (for the hidden comment marker), time and reaction count; the
// comments after it are read for their authors alone (a reply by anyone but
// foureyes counts). Two aliased connections instead of one with every body and
// every comment's reactions keep the answer small and the query cheap: GitHub
// charges per nested connection, and reaction counts on 20 comments in each of
// 100 threads of 100 pull requests are 200,000 of them; on the opening comment
// alone they are 10,000.

const PAGE_INFO = "pageInfo { hasNextPage endCursor }";

const REVIEWS = `${PAGE_INFO} nodes { databaseId id state submittedAt body author { login __typename } comments { totalCount } }`;
const TIMELINE = `${PAGE_INFO} nodes { __typename ... on ReadyForReviewEvent { createdAt } ... on ReviewRequestedEvent { createdAt } }`;
const COMMITS = `${PAGE_INFO} nodes { commit { message } }`;
const AUTHOR = "author { login __typename }";
/** The first 20 comments of a thread (the opening among them) decide whether someone replied. */
const THREADS = `${PAGE_INFO} nodes { isResolved opening: comments(first: 1) { nodes { databaseId body createdAt ${AUTHOR} reactions { totalCount } } } replies: comments(first: 20) { nodes { ${AUTHOR} } } }`;
const TIMELINE_TYPES = "itemTypes: [READY_FOR_REVIEW_EVENT, REVIEW_REQUESTED_EVENT]";

export const PULL_PAGE_SIZE = 100;

export const PULL_PAGE_QUERY = `
query ReportPullPage($owner: String!, $name: String!, $states: [PullRequestState!], $direction: OrderDirection!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequests(first: ${PULL_PAGE_SIZE}, after: $after, states: $states, orderBy: {field: UPDATED_AT, direction: $direction}) {
      ${PAGE_INFO}
      nodes {
        id number url title createdAt updatedAt mergedAt closedAt state isDraft additions deletions
        author { login __typename }
        reviews(first: 100) { ${REVIEWS} }
        timelineItems(first: 100, ${TIMELINE_TYPES}) { ${TIMELINE} }
        commits(first: 100) { ${COMMITS} }
        reviewThreads(first: 100) { ${THREADS} }
      }
    }
  }
}`;

export const PULL_MORE_QUERY = `
query ReportPullMore($id: ID!, $reviewsAfter: String, $timelineAfter: String, $commitsAfter: String, $threadsAfter: String, $reviews: Boolean!, $timeline: Boolean!, $commits: Boolean!, $threads: Boolean!) {
  node(id: $id) {
    ... on PullRequest {
      reviews(first: 100, after: $reviewsAfter) @include(if: $reviews) { ${REVIEWS} }
      timelineItems(first: 100, after: $timelineAfter, ${TIMELINE_TYPES}) @include(if: $timeline) { ${TIMELINE} }
      commits(first: 100, after: $commitsAfter) @include(if: $commits) { ${COMMITS} }
      reviewThreads(first: 100, after: $threadsAfter) @include(if: $threads) { ${THREADS} }
    }
  }
}`;

// The GraphQL queries of the review-load backfill. One page of 100 pull
// requests with everything the metrics need (reviews, ready-for-review and
// review-request timeline items, commit messages for co-author trailers), and
// a follow-up for a pull request whose inner lists run past 100 (rare).
// Review bodies are fetched only to recognise foureyes' hidden head marker.

const PAGE_INFO = "pageInfo { hasNextPage endCursor }";

const REVIEWS = `${PAGE_INFO} nodes { databaseId id state submittedAt body author { login __typename } comments { totalCount } }`;
const TIMELINE = `${PAGE_INFO} nodes { __typename ... on ReadyForReviewEvent { createdAt } ... on ReviewRequestedEvent { createdAt } }`;
const COMMITS = `${PAGE_INFO} nodes { commit { message } }`;
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
      }
    }
  }
}`;

export const PULL_MORE_QUERY = `
query ReportPullMore($id: ID!, $reviewsAfter: String, $timelineAfter: String, $commitsAfter: String, $reviews: Boolean!, $timeline: Boolean!, $commits: Boolean!) {
  node(id: $id) {
    ... on PullRequest {
      reviews(first: 100, after: $reviewsAfter) @include(if: $reviews) { ${REVIEWS} }
      timelineItems(first: 100, after: $timelineAfter, ${TIMELINE_TYPES}) @include(if: $timeline) { ${TIMELINE} }
      commits(first: 100, after: $commitsAfter) @include(if: $commits) { ${COMMITS} }
    }
  }
}`;

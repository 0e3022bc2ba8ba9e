// The GraphQL backfill against the GitHub HTTP mock, answering in GitHub's
// recorded response shape: stopping at the window, the open pull requests the
// queue needs, inner pagination, the mapping to PullRecords, and a clear error
// when GitHub's shape differs.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { COMMENT_MARKER } from "../../../src/core/markers.js";
import { backfillPulls } from "../../../src/reports/backfill/backfill-pulls.js";
import { parseCoAuthors } from "../../../src/reports/backfill/parse-co-authors.js";
import { advisoryCommentRecordSchema, pullRecordSchema } from "../../../src/reports/types.js";
import { TEST_APP } from "../../helpers/app-identity.js";
import { createTestOctokit, type GitHubMock, mockGitHub } from "../../helpers/github-mock.js";
import { type FakePull, type FakeReview, type FakeThread, type FakeThreadComment, serveReportGraphql } from "./graphql-github.js";

const HOUR = 3_600_000;
const NOW = Date.parse("2026-11-30T06:00:00Z");
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * HOUR).toISOString();

const FOUREYES = { login: "foureyes", __typename: "Bot" };
const ANA = { login: "ana", __typename: "User" };
/** An inline comment as foureyes renders it (src/review/render-review.ts): the marker last. */
const advisoryComment = (databaseId: number, createdAt: string, reactions = 0): FakeThreadComment => ({
  databaseId,
  body: `**warning** · correctness\n\nThis can be null.\n\n${COMMENT_MARKER}`,
  createdAt,
  author: FOUREYES,
  reactions,
});

describe("backfillPulls", () => {
  let gh: GitHubMock;
  beforeEach(() => {
    gh = mockGitHub();
  });
  afterEach(() => {
    gh.close();
  });

  it("reads newest first and stops once updatedAt leaves the window", async () => {
    // 250 merged PRs, one updated each hour; the window holds the last 150 hours.
    const pulls: FakePull[] = Array.from({ length: 250 }, (_, index) => ({
      number: index + 1,
      createdAt: at(300 - index),
      updatedAt: at(250 - index),
      mergedAt: at(250 - index),
      closedAt: at(250 - index),
      state: "MERGED",
    }));
    serveReportGraphql(gh, { "acme/api": pulls });
    const { pulls: records } = await backfillPulls(createTestOctokit(gh), { owner: "acme", repo: "api", since: new Date(NOW - 150 * HOUR) });

    expect(records).toHaveLength(150); // updated 150 … 1 hours ago
    expect(records[0]!.number).toBe(101);
    expect(records.at(-1)!.number).toBe(250);
    const calls = gh.requestsTo("POST", "/graphql");
    // One page of open PRs (none), then two pages of 100: the second crosses the window start.
    expect(calls).toHaveLength(3);
    expect((calls[1]!.body as { variables: Record<string, unknown> }).variables).toMatchObject({ direction: "DESC", states: null, after: null });
    expect((calls[2]!.body as { variables: Record<string, unknown> }).variables.after).toEqual(expect.any(String));
    for (const record of records) expect(pullRecordSchema.safeParse(record).success).toBe(true);
  });

  it("also reads open pull requests that have waited since before the window", async () => {
    const pulls: FakePull[] = [
      { number: 1, createdAt: at(2000), updatedAt: at(1900), state: "OPEN" }, // waiting for weeks
      { number: 2, createdAt: at(2000), updatedAt: at(1800), state: "CLOSED", closedAt: at(1800) }, // old and closed: not read
      { number: 3, createdAt: at(10), updatedAt: at(5), state: "OPEN" },
    ];
    serveReportGraphql(gh, { "acme/api": pulls });
    const { pulls: records } = await backfillPulls(createTestOctokit(gh), { owner: "acme", repo: "api", since: new Date(NOW - 168 * HOUR) });
    expect(records.map((pull) => [pull.number, pull.state])).toEqual([
      [1, "open"],
      [3, "open"],
    ]);
  });

  it("follows inner connections past 100 only when GitHub says there are more", async () => {
    const reviews: FakeReview[] = Array.from({ length: 230 }, (_, index) => ({
      databaseId: 5000 + index,
      state: "COMMENTED",
      submittedAt: at(40 - index / 10),
      author: { login: `reviewer${index % 7}`, __typename: "User" },
      comments: 1,
    }));
    const pulls: FakePull[] = [
      {
        number: 7,
        createdAt: at(50),
        updatedAt: at(1),
        reviews,
        timeline: Array.from({ length: 120 }, (_, index) => ({ type: "ReviewRequestedEvent" as const, createdAt: at(49 - index / 10) })),
        commitMessages: Array.from({ length: 150 }, (_, index) => (index === 149 ? "Last\n\nCo-authored-by: Claude <noreply@anthropic.com>" : `Commit ${index}`)),
      },
      { number: 8, createdAt: at(20), updatedAt: at(2), reviews: reviews.slice(0, 3) },
    ];
    serveReportGraphql(gh, { "acme/api": pulls });
    const { pulls: records } = await backfillPulls(createTestOctokit(gh), { owner: "acme", repo: "api", since: new Date(NOW - 168 * HOUR) });

    const big = records.find((pull) => pull.number === 7)!;
    expect(big.reviews).toHaveLength(230);
    expect(new Set(big.reviews.map((review) => review.id)).size).toBe(230);
    expect(big.reviewRequestedAt).toHaveLength(120);
    expect(big.coAuthors).toEqual(["Claude <noreply@anthropic.com>"]);
    expect(records.find((pull) => pull.number === 8)!.reviews).toHaveLength(3);

    const followUps = gh.requestsTo("POST", "/graphql").filter((call) => String((call.body as { query: string }).query).includes("ReportPullMore"));
    expect(followUps.map((call) => (call.body as { variables: Record<string, unknown> }).variables)).toEqual([
      expect.objectContaining({ reviews: true, timeline: true, commits: true, threads: false }),
      expect.objectContaining({ reviews: true, timeline: false, commits: false, threads: false }),
    ]);
  });

  it("maps authors by type, review states, foureyes' reviews and timeline items", async () => {
    serveReportGraphql(gh, {
      "acme/api": [
        {
          number: 4,
          createdAt: "2026-11-23T08:00:00Z",
          updatedAt: "2026-11-25T10:00:00Z",
          mergedAt: "2026-11-25T10:00:00Z",
          closedAt: "2026-11-25T10:00:00Z",
          state: "MERGED",
          isDraft: false,
          additions: 320,
          deletions: 15,
          author: { login: "renovate", __typename: "Bot" },
          timeline: [
            { type: "ReadyForReviewEvent", createdAt: "2026-11-23T09:00:00Z" },
            { type: "ReviewRequestedEvent", createdAt: "2026-11-23T09:30:00Z" },
            { type: "ReviewRequestedEvent", createdAt: "2026-11-23T09:05:00Z" },
          ],
          reviews: [
            { databaseId: 1, state: "COMMENTED", submittedAt: "2026-11-23T09:10:00Z", body: `Advisory.\n<!-- foureyes:head=${"b".repeat(40)} -->`, author: { login: "foureyes", __typename: "Bot" }, comments: 3 },
            { databaseId: 2, state: "DISMISSED", submittedAt: "2026-11-23T10:00:00Z", body: "", author: { login: "ana", __typename: "User" } },
            { databaseId: 3, state: "APPROVED", submittedAt: "2026-11-24T10:00:00Z", body: "Fine", author: { login: "ben", __typename: "User" }, comments: 2 },
            { databaseId: 4, state: "PENDING", submittedAt: null, author: { login: "cy", __typename: "User" } },
            { databaseId: 5, state: "COMMENTED", submittedAt: "2026-11-24T11:00:00Z", author: null },
          ],
        },
      ],
    });
    const {
      pulls: [pull],
    } = await backfillPulls(createTestOctokit(gh), { owner: "acme", repo: "api", since: new Date("2026-11-16T00:00:00Z") });
    expect(pull).toEqual({
      repo: "acme/api",
      number: 4,
      url: "https://github.com/acme/api/pull/4",
      title: "Change 4",
      author: { login: "renovate", type: "Bot" },
      createdAt: "2026-11-23T08:00:00.000Z",
      readyForReviewAt: "2026-11-23T09:00:00.000Z",
      reviewRequestedAt: ["2026-11-23T09:05:00.000Z", "2026-11-23T09:30:00.000Z"],
      firstReviewRequestedAt: "2026-11-23T09:05:00.000Z",
      mergedAt: "2026-11-25T10:00:00.000Z",
      closedAt: "2026-11-25T10:00:00.000Z",
      draft: false,
      state: "merged",
      additions: 320,
      deletions: 15,
      coAuthors: [],
      reviews: [
        { id: "1", author: { login: "foureyes", type: "Bot" }, state: "COMMENTED", submittedAt: "2026-11-23T09:10:00.000Z", commentCount: 4, dismissed: false, isFoureyes: true },
        { id: "2", author: { login: "ana", type: "User" }, state: "DISMISSED", submittedAt: "2026-11-23T10:00:00.000Z", commentCount: 0, dismissed: true, isFoureyes: false },
        { id: "3", author: { login: "ben", type: "User" }, state: "APPROVED", submittedAt: "2026-11-24T10:00:00.000Z", commentCount: 3, dismissed: false, isFoureyes: false },
        { id: "5", author: { login: "ghost", type: "User" }, state: "COMMENTED", submittedAt: "2026-11-24T11:00:00.000Z", commentCount: 0, dismissed: false, isFoureyes: false },
      ],
    });
    expect(pullRecordSchema.safeParse(pull).success).toBe(true);
  });

  it("leaves out pull requests created after `until`", async () => {
    serveReportGraphql(gh, {
      "acme/api": [
        { number: 1, createdAt: at(30), updatedAt: at(3) },
        { number: 2, createdAt: at(2), updatedAt: at(1) },
      ],
    });
    const { pulls: records } = await backfillPulls(createTestOctokit(gh), { owner: "acme", repo: "api", since: new Date(NOW - 168 * HOUR), until: new Date(NOW - 10 * HOUR) });
    expect(records.map((pull) => pull.number)).toEqual([1]);
  });

  it("finds foureyes' inline comments in review threads and what people did with them", async () => {
    const threads: FakeThread[] = [
      // A human replied.
      { comments: [advisoryComment(901, "2026-11-24T10:00:00Z"), { databaseId: 902, body: "Good catch, fixed.", createdAt: "2026-11-24T11:00:00Z", author: ANA }] },
      // Someone reacted.
      { comments: [advisoryComment(903, "2026-11-24T10:01:00Z", 2)] },
      // The thread was resolved, without a word.
      { isResolved: true, comments: [advisoryComment(904, "2026-11-24T10:02:00Z")] },
      // Untouched; foureyes' own follow-up in the thread is no reply.
      { comments: [advisoryComment(905, "2026-11-24T10:03:00Z"), { databaseId: 906, body: `Still there.\n\n${COMMENT_MARKER}`, createdAt: "2026-11-25T10:00:00Z", author: FOUREYES }] },
      // A person's thread, replied to, reacted to, resolved: not foureyes', ignored.
      {
        isResolved: true,
        comments: [
          { databaseId: 907, body: "Rename this? It mentions foureyes:comment.", createdAt: "2026-11-24T12:00:00Z", author: ANA, reactions: 1 },
          { databaseId: 908, body: "Done.", createdAt: "2026-11-24T13:00:00Z", author: { login: "octocat", __typename: "User" } },
        ],
      },
      // Another bot's reply counts as a reply: it is not foureyes.
      { comments: [advisoryComment(909, "2026-11-24T10:04:00Z"), { databaseId: 910, body: "Tracked in JIRA-1.", createdAt: "2026-11-24T10:30:00Z", author: { login: "jira-bot", __typename: "Bot" } }] },
    ];
    serveReportGraphql(gh, {
      "acme/api": [
        { number: 12, createdAt: "2026-11-24T09:00:00Z", updatedAt: "2026-11-25T10:00:00Z", threads },
        { number: 13, createdAt: "2026-11-24T09:00:00Z", updatedAt: "2026-11-25T09:00:00Z" },
      ],
    });
    const { pulls, advisory } = await backfillPulls(createTestOctokit(gh), { owner: "acme", repo: "api", since: new Date("2026-11-16T00:00:00Z") });

    expect(pulls.map((pull) => pull.number)).toEqual([12, 13]);
    expect(advisory).toEqual([
      { repo: "acme/api", number: 12, commentId: 901, postedAt: "2026-11-24T10:00:00.000Z", replied: true, reacted: false, resolved: false },
      { repo: "acme/api", number: 12, commentId: 903, postedAt: "2026-11-24T10:01:00.000Z", replied: false, reacted: true, resolved: false },
      { repo: "acme/api", number: 12, commentId: 904, postedAt: "2026-11-24T10:02:00.000Z", replied: false, reacted: false, resolved: true },
      { repo: "acme/api", number: 12, commentId: 905, postedAt: "2026-11-24T10:03:00.000Z", replied: false, reacted: false, resolved: false },
      { repo: "acme/api", number: 12, commentId: 909, postedAt: "2026-11-24T10:04:00.000Z", replied: true, reacted: false, resolved: false },
    ]);
    for (const comment of advisory) expect(advisoryCommentRecordSchema.safeParse(comment).success).toBe(true);
    // Threads come with the pull request page: no extra request.
    expect(gh.requestsTo("POST", "/graphql")).toHaveLength(2);
  });

  it("with foureyes' account known, a person's marker makes neither a foureyes review nor an advisory thread", async () => {
    const marker = `<!-- foureyes:head=${"b".repeat(40)} -->`;
    const OCTOCAT = { login: "octocat", __typename: "User" };
    // A user account named like the app's slug is not the app.
    const LOOKALIKE = { login: TEST_APP.slug, __typename: "User" };
    serveReportGraphql(gh, {
      "acme/api": [
        {
          number: 31,
          createdAt: "2026-11-24T09:00:00Z",
          updatedAt: "2026-11-25T10:00:00Z",
          reviews: [
            { databaseId: 1, state: "COMMENTED", submittedAt: "2026-11-24T09:10:00Z", body: "Advisory.", author: FOUREYES },
            { databaseId: 2, state: "COMMENTED", submittedAt: "2026-11-24T09:20:00Z", body: `Fine.\n${marker}`, author: OCTOCAT },
            { databaseId: 3, state: "COMMENTED", submittedAt: "2026-11-24T09:30:00Z", body: `Fine.\n${marker}`, author: LOOKALIKE },
          ],
          threads: [
            { comments: [advisoryComment(951, "2026-11-24T10:00:00Z"), { databaseId: 952, body: "Ok.", createdAt: "2026-11-24T11:00:00Z", author: LOOKALIKE }] },
            { comments: [{ databaseId: 953, body: `Typed by a person.\n\n${COMMENT_MARKER}`, createdAt: "2026-11-24T10:05:00Z", author: OCTOCAT, reactions: 3 }] },
          ],
        },
      ],
    });
    const { pulls, advisory } = await backfillPulls(createTestOctokit(gh), { owner: "acme", repo: "api", since: new Date("2026-11-16T00:00:00Z"), app: TEST_APP });

    expect(pulls[0]!.reviews.map((review) => [review.id, review.isFoureyes])).toEqual([
      ["1", true],
      ["2", false],
      ["3", false],
    ]);
    expect(advisory.map((comment) => [comment.commentId, comment.replied])).toEqual([[951, true]]);
  });

  it("pages through review threads past 100 only when GitHub says there are more", async () => {
    // 130 threads, every 10th opened by foureyes (the last ones on the second page).
    const threads: FakeThread[] = Array.from({ length: 130 }, (_, index) =>
      index % 10 === 9
        ? { isResolved: index > 100, comments: [advisoryComment(2000 + index, at(30 - index / 10))] }
        : { comments: [{ databaseId: 2000 + index, body: "A person's note.", createdAt: at(30 - index / 10), author: ANA }] },
    );
    serveReportGraphql(gh, {
      "acme/api": [
        { number: 21, createdAt: at(40), updatedAt: at(1), threads },
        { number: 22, createdAt: at(40), updatedAt: at(2), threads: threads.slice(0, 20) },
      ],
    });
    const { advisory } = await backfillPulls(createTestOctokit(gh), { owner: "acme", repo: "api", since: new Date(NOW - 168 * HOUR) });

    expect(advisory.filter((comment) => comment.number === 21).map((comment) => comment.commentId)).toEqual(
      [9, 19, 29, 39, 49, 59, 69, 79, 89, 99, 109, 119, 129].map((index) => 2000 + index),
    );
    expect(advisory.filter((comment) => comment.number === 21 && comment.resolved)).toHaveLength(3);
    expect(advisory.filter((comment) => comment.number === 22)).toHaveLength(2);
    const followUps = gh.requestsTo("POST", "/graphql").filter((call) => String((call.body as { query: string }).query).includes("ReportPullMore"));
    expect(followUps.map((call) => (call.body as { variables: Record<string, unknown> }).variables)).toEqual([
      expect.objectContaining({ id: expect.any(String), reviews: false, timeline: false, commits: false, threads: true, threadsAfter: expect.any(String) }),
    ]);
  });

  it("names the field when GitHub's answer has another shape", async () => {
    gh.on("POST", "/graphql", [
      200,
      { data: { repository: { pullRequests: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ number: 1, title: "x", author: { login: 3 } }] } } } },
    ]);
    await expect(backfillPulls(createTestOctokit(gh), { owner: "acme", repo: "api", since: new Date(NOW - HOUR) })).rejects.toThrow(
      /acme\/api's pull requests has an unexpected shape \(repository\.pullRequests\.nodes\.0\.id: /,
    );
  });

  it("says when the repository cannot be read", async () => {
    serveReportGraphql(gh, {});
    await expect(backfillPulls(createTestOctokit(gh), { owner: "acme", repo: "gone", since: new Date(NOW - HOUR) })).rejects.toThrow(
      /acme\/gone/,
    );
  });
});

describe("parseCoAuthors", () => {
  it("takes every Co-authored-by trailer, any case", () => {
    expect(parseCoAuthors("Fix\n\nCo-authored-by: Ana <ana@example.com>\nco-authored-by:  Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>  \n")).toEqual([
      "Ana <ana@example.com>",
      "Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
    ]);
    expect(parseCoAuthors("Mentions co-authored-by: in the middle of a line")).toEqual([]);
  });
});

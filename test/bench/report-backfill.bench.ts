// GitHub requests a backfill of 1,000 pull requests needs: a synthetic
// repository (every PR updated inside the window, each with a few reviews,
// timeline items, commits and review threads, some opened by foureyes and
// replied to, reacted to or resolved) served by the GitHub HTTP mock in GraphQL
// pages of 100. Target: ≤ 15 requests. Time is with the test Octokit (no request
// spacing); the production Octokit spaces GraphQL calls about 1 s apart.

import { performance } from "node:perf_hooks";

import { COMMENT_MARKER } from "../../src/core/markers.js";
import { backfillPulls } from "../../src/reports/backfill/backfill-pulls.js";
import { createTestOctokit, mockGitHub } from "../helpers/github-mock.js";
import { type FakePull, type FakeThread, serveReportGraphql } from "../reports/io/graphql-github.js";

const PULLS = 1_000;
const HOUR = 3_600_000;

export default async function benchReportBackfill(): Promise<void> {
  const now = Date.parse("2026-11-30T06:00:00Z");
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  const pulls: FakePull[] = Array.from({ length: PULLS }, (_, index) => {
    const updated = (PULLS - index) / 10; // spread over the last 100 hours
    return {
      number: index + 1,
      createdAt: at(updated + 48),
      updatedAt: at(updated),
      ...(index % 4 === 0 ? {} : { mergedAt: at(updated), closedAt: at(updated), state: "MERGED" as const }),
      additions: (index * 37) % 900,
      deletions: (index * 11) % 300,
      author: index % 9 === 0 ? { login: "renovate", __typename: "Bot" } : { login: `dev${index % 40}`, __typename: "User" },
      reviews: Array.from({ length: index % 5 }, (_, review) => ({
        databaseId: index * 10 + review,
        state: review === 0 ? ("APPROVED" as const) : ("COMMENTED" as const),
        submittedAt: at(updated + 1),
        author: { login: `rev${(index + review) % 25}`, __typename: "User" },
        comments: review,
      })),
      timeline: [{ type: "ReviewRequestedEvent" as const, createdAt: at(updated + 40) }],
      threads: threadsFor(index, at(updated + 2)),
      commitMessages: Array.from({ length: 1 + (index % 4) }, (_, commit) => (commit === 0 && index % 6 === 0 ? "Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>" : `Commit ${commit}`)),
    };
  });

  const gh = mockGitHub();
  try {
    serveReportGraphql(gh, { "acme/big": pulls });
    const octokit = createTestOctokit(gh);
    const started = performance.now();
    const records = await backfillPulls(octokit, { owner: "acme", repo: "big", since: new Date(now - 7 * 24 * HOUR) });
    const ms = performance.now() - started;
    const requests = gh.requests.length;
    const reviews = records.pulls.reduce((sum, pull) => sum + pull.reviews.length, 0);
    const advisory = records.advisory;
    const engaged = advisory.filter((comment) => comment.replied || comment.reacted || comment.resolved).length;
    console.log(
      `backfill of ${records.pulls.length} PRs (${reviews} reviews, ${advisory.length} foureyes comments, ${engaged} with a reply, reaction or resolved thread): ` +
        `${requests} GitHub requests (target ≤ 15), ${ms.toFixed(0)} ms against the mock`,
    );
    if (records.pulls.length !== PULLS) console.log(`WARNING: expected ${PULLS} PRs, got ${records.pulls.length}`);
  } finally {
    gh.close();
  }
}

/** Every third PR has foureyes threads (one to three), every fifth a person's thread. */
function threadsFor(index: number, createdAt: string): FakeThread[] {
  const threads: FakeThread[] = [];
  if (index % 3 === 0) {
    const count = index % 9 === 0 ? 3 : 1 + (index % 2);
    for (let thread = 0; thread < count; thread += 1) {
      const id = index * 100 + thread * 10;
      const body = `**warning** · correctness\n\nThis can be null.\n\n${COMMENT_MARKER}`;
      const comments = [{ databaseId: id, body, createdAt, author: { login: "foureyes", __typename: "Bot" }, reactions: thread === 1 ? 1 : 0 }];
      if (thread === 0 && index % 2 === 0) {
        comments.push({ databaseId: id + 1, body: "Fixed, thanks.", createdAt, author: { login: `dev${index % 40}`, __typename: "User" }, reactions: 0 });
      }
      threads.push({ isResolved: thread === 2, comments });
    }
  }
  if (index % 5 === 0) threads.push({ comments: [{ databaseId: index * 100 + 99, body: "Why not a map here?", createdAt, author: { login: `rev${index % 25}`, __typename: "User" } }] });
  return threads;
}

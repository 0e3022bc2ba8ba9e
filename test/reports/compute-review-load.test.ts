import { describe, expect, it } from "vitest";

import { reportOptionsSchema } from "../../src/config/report-options.js";
import { computeReviewLoad, queueAgeBucket, sizeBucketOf } from "../../src/reports/compute-review-load.js";
import type { PullRecord } from "../../src/reports/types.js";
import { previousWeek, weekWindow } from "../../src/reports/week-window.js";
import { loadWeekFixture } from "../fixtures/reports/load-week-fixture.js";

const MIN = 60_000;
const HOUR = 60 * MIN;

function reportFor(people: "named" | "pseudonymous" | "aggregate" = "named") {
  const { now, pulls, advisory } = loadWeekFixture();
  const window = weekWindow(now, "Europe/Berlin");
  return computeReviewLoad({
    scope: "acme",
    pulls,
    advisory,
    window,
    previousWindow: previousWeek(window),
    options: reportOptionsSchema.parse({ people }),
    now,
  });
}

describe("computeReviewLoad on the 2026-W48 fixture (hand-computed)", () => {
  const report = reportFor("named");
  const week = report.installation.current;
  const last = report.installation.previous;

  it("reports the week before the run", () => {
    expect(report.window.label).toBe("2026-W48");
    expect(report.previousWindow.label).toBe("2026-W47");
    expect(report.repositories.map((repo) => repo.scope)).toEqual(["acme/api", "acme/web"]);
  });

  it("counts opened, merged and closed-unmerged PRs by event time; reopening is not a close or a second opening", () => {
    expect(week.opened).toBe(10);
    expect(last.opened).toBe(3); // #5, #6 and #13
    expect(week.merged).toBe(8);
    expect(last.merged).toBe(1);
    expect(week.closedUnmerged).toBe(1); // #7; #6 was closed in W47 but is open again
    expect(last.closedUnmerged).toBe(0);
    expect(report.installation.trend.opened).toBe(7);
    expect(report.installation.trend.merged).toBe(7);
  });

  it("sums lines and size buckets over merged PRs", () => {
    expect(week.linesChanged).toBe(2170);
    expect(week.sizeBuckets).toEqual({ xs: 3, s: 1, m: 2, l: 1, xl: 1 });
    expect(last.sizeBuckets).toEqual({ xs: 0, s: 1, m: 0, l: 0, xl: 0 });
  });

  it("times the first human review from the later of ready-for-review and the first request", () => {
    // #4 3 min, #10 4 min, #2 1 h, #1 2 h (request at 09:30, not opening at 09:00), #12 2 h, #3 4 h (ready 10:00, not the draft-time request)
    expect(week.timeToFirstReview).toEqual({ count: 6, p50Ms: 1 * HOUR, p90Ms: 4 * HOUR });
    // #5 spans two weeks: its first review (24 h) counts in W47 beside #13 (2 h), its merge in W48
    expect(last.timeToFirstReview).toEqual({ count: 2, p50Ms: 2 * HOUR, p90Ms: 24 * HOUR });
    expect(report.installation.trend.timeToFirstReviewP50).toBe(-1 * HOUR);
  });

  it("times open → merge", () => {
    expect(week.openToMerge).toEqual({ count: 8, p50Ms: 1 * HOUR, p90Ms: 122 * HOUR });
    expect(last.openToMerge.p50Ms).toBe(3 * HOUR);
  });

  it("counts human reviews only: no bots, no foureyes, no self-reviews", () => {
    expect(week.reviews.perReviewer).toEqual([
      { reviewer: "alice", reviews: 4, approvals: 4, comments: 3 },
      { reviewer: "bob", reviews: 2, approvals: 1, comments: 1 },
      { reviewer: "carol", reviews: 1, approvals: 0, comments: 0 }, // dismissed approval
      { reviewer: "erin", reviews: 1, approvals: 1, comments: 1 },
    ]);
    expect(week.reviews.total).toBe(8);
    expect(week.reviews.top3Share).toBe(7 / 8);
    expect(week.reviews.gini).toBeCloseTo(0.3125, 10);
    expect(last.reviews.gini).toBe(0);
    const everyone = JSON.stringify(report);
    expect(everyone).not.toContain("ci-bot");
    expect(everyone).not.toContain("foureyes[bot]");
  });

  it("measures review depth as comments per non-empty review", () => {
    expect(week.depth).toEqual({ comments: 5, nonEmptyReviews: 4, commentsPerNonEmptyReview: 1.25 });
    expect(last.depth.commentsPerNonEmptyReview).toBe(3.5);
  });

  it("finds rubber stamps: no comment, over 300 lines, within 5 minutes of the request", () => {
    expect(week.rubberStamps.map((stamp) => [stamp.number, stamp.reviewer, stamp.minutesAfterRequest])).toEqual([
      [10, "bob", 4],
      [4, "alice", 3],
    ]);
  });

  it("lists merges without a human approval: dismissed, self or bot only, approval after the merge", () => {
    expect(week.mergedWithoutApproval.map((pull) => [pull.repo, pull.number])).toEqual([
      ["acme/api", 3],
      ["acme/web", 11],
      ["acme/web", 12],
    ]);
    expect(week.mergedWithoutApproval[0]?.url).toBe("https://github.com/acme/api/pull/3");
  });

  it("queues open, non-draft PRs without a human review, oldest first", () => {
    const queue = report.installation.queue;
    expect(queue.map((pull) => pull.number)).toEqual([6, 9]); // #8 is a draft, #9 has only bot and foureyes reviews
    expect(queue[0]?.ageMs).toBe((12 * 24 + 21) * HOUR);
    expect(queue[1]?.ageMs).toBe(22 * HOUR); // from the request on 11-29 09:00
    expect(report.installation.queueByAge.filter((row) => row.count > 0)).toEqual([
      { bucket: "under 1 day", count: 1 },
      { bucket: "1–2 weeks", count: 1 },
    ]);
  });

  it("separates AI-assisted changes: bot author or coding-agent co-author, not a person called Devin", () => {
    expect(week.aiAssisted.pulls).toBe(2); // #2 (renovate[bot]) and #4 (Claude co-author)
    expect(week.aiAssisted.pullShare).toBe(0.25);
    expect(week.aiAssisted.lines).toBe(820);
    expect(week.aiAssisted.lineShare).toBe(820 / 2170);
    expect(week.aiAssisted.timeToFirstReview).toEqual({ count: 2, p50Ms: 3 * MIN, p90Ms: 1 * HOUR });
    expect(week.aiAssisted.otherTimeToFirstReview).toEqual({ count: 4, p50Ms: 2 * HOUR, p90Ms: 4 * HOUR });
  });

  it("counts foureyes' advisory comments and how people engaged", () => {
    expect(week.advisory).toEqual({ posted: 4, replied: 1, reacted: 1, resolved: 1, engaged: 2, engagedShare: 0.5 });
    expect(last.advisory.posted).toBe(1);
  });

  it("computes each repository on its own", () => {
    const web = report.repositories.find((repo) => repo.scope === "acme/web");
    expect(web?.current.opened).toBe(3);
    expect(web?.current.mergedWithoutApproval.map((pull) => pull.number)).toEqual([11, 12]);
    expect(web?.current.reviews.perReviewer.map((load) => load.reviewer)).toEqual(["alice", "bob"]);
    expect(web?.queue).toEqual([]);
  });
});

describe("computeReviewLoad edge cases", () => {
  const now = new Date("2026-10-27T08:00:00+01:00");
  const window = weekWindow(now, "Europe/Berlin"); // 2026-W43, the 169-hour week
  const base: PullRecord = {
    repo: "acme/api",
    number: 1,
    url: "https://github.com/acme/api/pull/1",
    title: "t",
    author: { login: "dave", type: "User" },
    createdAt: "2026-10-20T10:00:00+02:00",
    reviewRequestedAt: [],
    draft: false,
    state: "open",
    additions: 1,
    deletions: 1,
    coAuthors: [],
    reviews: [],
  };
  const run = (pulls: PullRecord[]) =>
    computeReviewLoad({
      scope: "acme",
      pulls,
      advisory: [],
      window,
      previousWindow: previousWeek(window),
      options: reportOptionsSchema.parse({ people: "named" }),
      now,
    }).installation;

  it("counts a PR opened in the extra hour of the DST week", () => {
    expect(window.end.getTime() - window.start.getTime()).toBe(169 * HOUR);
    const late = { ...base, createdAt: "2026-10-25T23:30:00+01:00" }; // after start + 168 h
    expect(run([late]).current.opened).toBe(1);
    expect(run([{ ...base, createdAt: "2026-10-26T00:00:00+01:00" }]).current.opened).toBe(0);
  });

  it("treats a bot-authored approval as no approval and a self-approval as none either", () => {
    const merged: PullRecord = {
      ...base,
      state: "merged",
      mergedAt: "2026-10-21T10:00:00+02:00",
      reviews: [
        { id: "a", author: { login: "helper-bot", type: "Bot" }, state: "APPROVED", submittedAt: "2026-10-21T09:00:00+02:00", commentCount: 0, dismissed: false, isFoureyes: false },
        { id: "b", author: { login: "Dave", type: "User" }, state: "APPROVED", submittedAt: "2026-10-21T09:10:00+02:00", commentCount: 0, dismissed: false, isFoureyes: false },
      ],
    };
    const scope = run([merged]);
    expect(scope.current.mergedWithoutApproval).toHaveLength(1);
    expect(scope.current.reviews.total).toBe(0);
    expect(scope.current.timeToFirstReview.count).toBe(0);
  });

  it("does not let a DISMISSED-state review approve", () => {
    const merged: PullRecord = {
      ...base,
      state: "merged",
      mergedAt: "2026-10-21T10:00:00+02:00",
      reviews: [
        { id: "a", author: { login: "alice", type: "User" }, state: "DISMISSED", submittedAt: "2026-10-21T09:00:00+02:00", commentCount: 0, dismissed: true, isFoureyes: false },
      ],
    };
    expect(run([merged]).current.mergedWithoutApproval).toHaveLength(1);
  });

  it("gives each merge without a human approval its reason", () => {
    const review = (login: string, type: string, state: "APPROVED" | "COMMENTED", at: string, dismissed = false) =>
      ({ id: `${login}-${at}`, author: { login, type }, state, submittedAt: at, commentCount: 0, dismissed, isFoureyes: false }) as const;
    const mergedAt = "2026-10-21T10:00:00+02:00";
    const before = "2026-10-21T09:00:00+02:00";
    const after = "2026-10-21T11:00:00+02:00";
    const pull = (number: number, reviews: PullRecord["reviews"]): PullRecord => ({ ...base, number, state: "merged", mergedAt, reviews });
    const reasons = run([
      pull(1, [review("dave", "User", "APPROVED", before)]),
      pull(2, [review("alice", "User", "APPROVED", before, true)]),
      pull(3, []),
      pull(4, [review("helper-bot", "Bot", "APPROVED", before)]),
      pull(5, [review("alice", "User", "APPROVED", after)]),
      pull(6, [review("alice", "User", "COMMENTED", before)]),
    ]).current.mergedWithoutApproval.map((merge) => [merge.number, merge.reason]);
    expect(reasons).toEqual([
      [1, "self-approved"],
      [2, "approval-dismissed"],
      [3, "no-human-review"],
      [4, "bot-approved"],
      [5, "approved-after-merge"],
      [6, "not-approved"],
    ]);
  });

  it("uses the configured rubber-stamp thresholds", () => {
    const big: PullRecord = {
      ...base,
      additions: 150,
      deletions: 60,
      reviewRequestedAt: ["2026-10-21T09:00:00+02:00"],
      reviews: [
        { id: "a", author: { login: "alice", type: "User" }, state: "APPROVED", submittedAt: "2026-10-21T09:08:00+02:00", commentCount: 0, dismissed: false, isFoureyes: false },
      ],
    };
    const loose = computeReviewLoad({
      scope: "acme",
      pulls: [big],
      advisory: [],
      window,
      previousWindow: previousWeek(window),
      options: reportOptionsSchema.parse({ people: "named", rubberStamp: { minChangedLines: 200, maxMinutesAfterRequest: 10 } }),
      now,
    });
    expect(loose.installation.current.rubberStamps).toHaveLength(1);
    expect(run([big]).current.rubberStamps).toHaveLength(0);
  });
});

describe("buckets", () => {
  it("sorts sizes by additions + deletions at the documented edges", () => {
    expect([50, 51, 200, 201, 400, 401, 700, 701].map(sizeBucketOf)).toEqual(["xs", "s", "s", "m", "m", "l", "l", "xl"]);
  });
  it("sorts queue ages", () => {
    expect(queueAgeBucket(23 * HOUR)).toBe("under 1 day");
    expect(queueAgeBucket(15 * 24 * HOUR)).toBe("over 2 weeks");
  });
});

// Attack: try to undo each pseudonym from the report's own content. Any line
// of the rendered pseudonymous report that names an alias must not also carry
// a PR link, a PR number or a PR title (the PR shows who approved it).

import { describe, expect, it } from "vitest";

import { reportOptionsSchema } from "../../src/config/report-options.js";
import { computeReviewLoad } from "../../src/reports/compute-review-load.js";
import { renderReportMarkdown } from "../../src/reports/render-report-markdown.js";
import { previousWeek, weekWindow } from "../../src/reports/week-window.js";
import { loadWeekFixture } from "../fixtures/reports/load-week-fixture.js";

function pseudonymousMarkdown(): string {
  const { pulls, advisory, now } = loadWeekFixture();
  const window = weekWindow(now, "Europe/Berlin");
  const report = computeReviewLoad({
    scope: "acme",
    pulls,
    advisory,
    window,
    previousWindow: previousWeek(window),
    options: reportOptionsSchema.parse({ people: "pseudonymous" }),
    now,
  });
  return renderReportMarkdown(report);
}

describe("pseudonymous report: re-identification attack", () => {
  it("pairs no alias with a PR link, number or title on any row", () => {
    const markdown = pseudonymousMarkdown();
    const titles = loadWeekFixture().pulls.map((pull) => pull.title).filter((title) => title.length > 3);
    const aliasRows = markdown.split("\n").filter((line) => /Reviewer [A-Z]+\b/.test(line));
    expect(aliasRows.length).toBeGreaterThan(0);
    const undone = aliasRows.filter(
      (line) => /\]\(https?:/.test(line) || /#\d+/.test(line) || titles.some((title) => line.includes(title.slice(0, 20))),
    );
    expect(undone).toEqual([]);
  });

  it("names no reviewer's login anywhere", () => {
    const markdown = pseudonymousMarkdown();
    const logins = new Set(loadWeekFixture().pulls.flatMap((pull) => pull.reviews.map((review) => review.author.login)));
    for (const login of logins) expect(markdown).not.toMatch(new RegExp(`\\b${login}\\b`));
  });

  it("says who can read it and how to turn per-person rows off", () => {
    const markdown = pseudonymousMarkdown();
    expect(markdown).toContain("everyone who can read this repository");
    expect(markdown).toContain("`reports.people: aggregate`");
  });
});

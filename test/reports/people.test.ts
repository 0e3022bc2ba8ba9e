import { describe, expect, it } from "vitest";

import { type PeopleMode, reportOptionsSchema } from "../../src/config/report-options.js";
import { computeReviewLoad } from "../../src/reports/compute-review-load.js";
import { aliasLetters } from "../../src/reports/people.js";
import { renderReportCsv } from "../../src/reports/render-report-csv.js";
import { renderReportJson } from "../../src/reports/render-report-json.js";
import { renderReportMarkdown } from "../../src/reports/render-report-markdown.js";
import { previousWeek, weekWindow } from "../../src/reports/week-window.js";
import { loadWeekFixture } from "../fixtures/reports/load-week-fixture.js";

const fixture = loadWeekFixture();
const LOGINS = ["alice", "bob", "carol", "dave", "erin", "renovate", "ci-bot", "foureyes[bot]", "Devin Smith", "devin@acme.example"];

function reportFor(people: PeopleMode) {
  const window = weekWindow(fixture.now, "Europe/Berlin");
  return computeReviewLoad({
    scope: "acme",
    pulls: fixture.pulls,
    advisory: fixture.advisory,
    window,
    previousWindow: previousWeek(window),
    options: reportOptionsSchema.parse({ people }),
    now: fixture.now,
  });
}

function allOutputs(people: PeopleMode): string[] {
  const report = reportFor(people);
  return [renderReportMarkdown(report), renderReportJson(report), renderReportCsv(report)];
}

describe("people modes", () => {
  it("pseudonymous (the default) puts no login anywhere in markdown, JSON or CSV", () => {
    expect(reportOptionsSchema.parse({}).people).toBe("pseudonymous");
    for (const output of allOutputs("pseudonymous")) {
      for (const login of LOGINS) {
        expect(output.toLowerCase()).not.toMatch(new RegExp(`\\b${login.replace(/[[\]]/g, "\\$&").toLowerCase()}\\b`));
      }
    }
  });

  it("gives aliases by review count, ties by last week's, and keeps them across every part of the report", () => {
    const report = reportFor("pseudonymous");
    // alice 4, bob 2, erin 1 (1 last week), carol 1 (0 last week)
    expect(report.installation.current.reviews.perReviewer.map((load) => [load.reviewer, load.reviews])).toEqual([
      ["Reviewer A", 4],
      ["Reviewer B", 2],
      ["Reviewer C", 1],
      ["Reviewer D", 1],
    ]);
    // bob is Reviewer B in acme/web and in the rubber-stamp list as well; alice is A everywhere
    const web = report.repositories.find((repo) => repo.scope === "acme/web");
    expect(web?.current.reviews.perReviewer.map((load) => load.reviewer)).toEqual(["Reviewer A", "Reviewer B"]);
    expect(report.installation.current.rubberStamps.map((stamp) => stamp.reviewer)).toEqual(["Reviewer B", "Reviewer A"]);
    expect(report.installation.previous.reviews.perReviewer.map((load) => load.reviewer).sort()).toEqual(["Reviewer A", "Reviewer C"]);
  });

  it("named shows logins", () => {
    const [markdown] = allOutputs("named");
    expect(markdown).toContain("| alice | 4 | 4 | 3 |");
  });

  it("aggregate has no per-person rows, only distribution figures", () => {
    const report = reportFor("aggregate");
    for (const scope of [report.installation, ...report.repositories]) {
      expect(scope.current.reviews.perReviewer).toEqual([]);
      expect(scope.previous.reviews.perReviewer).toEqual([]);
      for (const stamp of scope.current.rubberStamps) expect(stamp).not.toHaveProperty("reviewer");
    }
    expect(report.installation.current.reviews.gini).toBeCloseTo(0.3125, 10);
    expect(report.installation.current.reviews.top3Share).toBe(7 / 8);
    const [markdown, json] = allOutputs("aggregate");
    expect(markdown).not.toMatch(/Reviewer [A-Z]/);
    expect(markdown).not.toContain("| Reviewer |");
    expect(json).not.toMatch(/Reviewer [A-Z]|"reviewer"/);
    for (const login of ["alice", "bob", "carol", "erin"]) expect(markdown).not.toMatch(new RegExp(`\\b${login}\\b`));
  });

  it("spells aliases like spreadsheet columns past Z", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(aliasLetters)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});

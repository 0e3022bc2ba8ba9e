import { describe, expect, it } from "vitest";

import { type PeopleMode, reportOptionsSchema } from "../../src/config/report-options.js";
import { GITHUB_BODY_MAX_CHARS } from "../../src/core/text-limits.js";
import { computeReviewLoad } from "../../src/reports/compute-review-load.js";
import { escapeChartLabel, escapeInlineText, safeLinkTarget } from "../../src/reports/escape-report-text.js";
import { formatLocalDateTime, formatTrend } from "../../src/reports/format-report-values.js";
import { quoteField, renderReportCsv } from "../../src/reports/render-report-csv.js";
import { renderReportJson, REPORT_JSON_VERSION } from "../../src/reports/render-report-json.js";
import { renderReportMarkdown, reportMarker } from "../../src/reports/render-report-markdown.js";
import type { PullRecord } from "../../src/reports/types.js";
import { previousWeek, weekWindow } from "../../src/reports/week-window.js";
import { loadWeekFixture } from "../fixtures/reports/load-week-fixture.js";
import { syntheticRecords } from "../fixtures/reports/synthetic-records.js";

function reportFor(pulls: PullRecord[], people: PeopleMode = "pseudonymous", now = loadWeekFixture().now) {
  const window = weekWindow(now, "Europe/Berlin");
  return computeReviewLoad({
    scope: "acme",
    pulls,
    advisory: loadWeekFixture().advisory,
    window,
    previousWindow: previousWeek(window),
    options: reportOptionsSchema.parse({ people }),
    now,
  });
}

describe("renderReportMarkdown", () => {
  it("renders the fixture week (snapshot)", () => {
    expect(renderReportMarkdown(reportFor(loadWeekFixture().pulls))).toMatchSnapshot();
  });

  it("renders a quiet week in aggregate mode: one line per empty section, no top-3 share with three reviewers or fewer (snapshot)", () => {
    const quiet = loadWeekFixture().pulls.filter((pull) => pull.number === 1 || pull.number === 2);
    const markdown = renderReportMarkdown(reportFor(quiet, "aggregate"));
    expect(markdown).not.toContain("top 3");
    expect(markdown).toMatchSnapshot();
  });

  it("starts with the hidden marker for this scope and week", () => {
    const markdown = renderReportMarkdown(reportFor(loadWeekFixture().pulls));
    expect(markdown.startsWith("<!-- foureyes:report=acme:2026-W48 -->\n")).toBe(true);
    expect(reportMarker({ scope: "acme/api", window: { label: "2026-W01" } as never })).toBe("<!-- foureyes:report=acme/api:2026-W01 -->");
  });

  it("follows each mermaid chart with a table fallback", () => {
    const markdown = renderReportMarkdown(reportFor(loadWeekFixture().pulls));
    const charts = markdown.split("```mermaid").slice(1);
    expect(charts).toHaveLength(1); // reviews per reviewer; the waiting PRs are one list, not a chart too
    for (const chart of charts) {
      const afterChart = chart.slice(chart.indexOf("```") + 3).trimStart();
      expect(afterChart.startsWith("|")).toBe(true);
    }
  });

  it("defuses hostile titles: no HTML, no pings, no broken tables or links", () => {
    const [first, ...rest] = loadWeekFixture().pulls;
    const hostile = { ...first!, title: '@alice please <img src=x onerror=alert(1)> | ]](javascript:x) ```mermaid\n"' } as PullRecord;
    const markdown = renderReportMarkdown(reportFor([hostile, ...rest], "named"));
    const line = markdown.split("\n").find((text) => text.includes("please")) ?? "";
    expect(line).not.toMatch(/@alice/);
    expect(line).not.toContain("<img");
    expect(line).not.toMatch(/[^\\]\|\s*\]/);
    expect(line).not.toContain("```");
    expect(markdown).not.toContain("](javascript:");
  });

  it("stays under GitHub's 65,536-character limit with 2,000 waiting PRs, cutting lists with a count", () => {
    const now = new Date("2026-11-30T07:00:00+01:00");
    const { pulls } = syntheticRecords({
      pulls: 2_000,
      reviews: 0,
      waitingShare: 1,
      repos: 300,
      from: new Date("2026-09-01T00:00:00+01:00"),
      to: new Date("2026-11-29T00:00:00+01:00"),
    });
    const long = pulls.map((pull) => ({ ...pull, state: "open" as const, draft: false, title: `${pull.title} ${"x".repeat(300)}` }));
    const report = reportFor(long, "pseudonymous", now);
    expect(report.installation.queue).toHaveLength(2_000);
    const markdown = renderReportMarkdown(report);
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_BODY_MAX_CHARS);
    expect(markdown).toContain("… and 1950 more");
    // An oversized list limit is lowered until the body fits.
    const tight = renderReportMarkdown(report, { maxListItems: 2_000 });
    expect(tight.length).toBeLessThanOrEqual(GITHUB_BODY_MAX_CHARS);
    expect(tight).toMatch(/… and \d+ more/);
  });
});

describe("report values", () => {
  it("says better or worse only where a metric has a direction", () => {
    expect(formatTrend(12 * 3_600_000, "duration", "lower")).toBe("▲ +12 h (worse)");
    expect(formatTrend(-0.05, "share", "higher")).toBe("▼ −5 pp (worse)");
    expect(formatTrend(24, "count")).toBe("▲ +24");
  });
  it("gives every time its zone", () => {
    expect(formatLocalDateTime("2026-11-25T13:03:00Z", "Europe/Berlin")).toBe("2026-11-25 14:03 UTC+1");
    expect(formatLocalDateTime("2026-11-25T13:03:00Z", "UTC")).toBe("2026-11-25 13:03 UTC");
  });
});

describe("escaping helpers", () => {
  it("keeps inline text on one line and bounded", () => {
    expect(escapeInlineText("a\nb\tc")).toBe("a b c");
    expect(escapeInlineText("y".repeat(500), 10)).toHaveLength(10);
    expect(escapeInlineText("@org/team & friends")).toBe("@\u200borg/team &amp; friends");
    expect(escapeInlineText("fix #12")).toBe("fix \\#12");
  });
  it("keeps chart labels free of quotes, brackets and commas", () => {
    expect(escapeChartLabel('a"b],[c')).toBe("abc");
    expect(escapeChartLabel('"]')).toBe("?");
  });
  it("links only to http(s)", () => {
    expect(safeLinkTarget("javascript:alert(1)")).toBeUndefined();
    expect(safeLinkTarget("https://github.com/a/b/pull/1)")).toBe("https://github.com/a/b/pull/1%29");
  });
});

describe("renderReportJson and renderReportCsv", () => {
  const report = reportFor(loadWeekFixture().pulls);

  it("writes JSON with a version and the computed figures", () => {
    const parsed = JSON.parse(renderReportJson(report)) as { version: number; installation: { current: { merged: number } } };
    expect(parsed.version).toBe(REPORT_JSON_VERSION);
    expect(parsed.installation.current.merged).toBe(8);
  });

  it("writes one CSV row per scope per metric with CRLF line ends", () => {
    const csv = renderReportCsv(report);
    const rows = csv.split("\r\n");
    expect(rows[0]).toBe("week,scope,repository,metric,unit,this_week,last_week,delta");
    expect(rows).toContain("2026-W48,installation,acme,merged,count,8,1,7");
    expect(rows).toContain("2026-W48,repository,acme/web,opened,count,3,0,3");
    expect(rows).toContain("2026-W48,installation,acme,timeToFirstReviewP50,ms,3600000,7200000,-3600000");
    expect(rows).toContain("2026-W48,installation,acme,waitingNow,count,2,,");
    expect(csv.endsWith("\r\n")).toBe(true);
    const metricsPerScope = rows.filter((row) => row.startsWith("2026-W48,installation,")).length;
    expect(rows.filter((row) => row.startsWith("2026-W48,")).length).toBe(metricsPerScope * 3);
  });

  it("quotes fields the RFC 4180 way", () => {
    expect(quoteField("plain")).toBe("plain");
    expect(quoteField("a,b")).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField("two\r\nlines")).toBe('"two\r\nlines"');
  });
});

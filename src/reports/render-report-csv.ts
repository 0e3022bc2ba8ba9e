// The review-load report as CSV (RFC 4180: CRLF line ends, fields with commas,
// quotes or line breaks quoted, quotes doubled): one row per scope per metric,
// this week, last week and the delta. Raw numbers: durations in milliseconds,
// shares 0–1; empty where there is no data.

import { HEADLINE_METRIC_INFO, headlineValues } from "./headline-values.js";
import { HEADLINE_METRICS, type ReviewLoadReport, type ScopeReport, SIZE_BUCKETS } from "./review-load-report.js";

const HEADER = ["week", "scope", "repository", "metric", "unit", "this_week", "last_week", "delta"];

export function renderReportCsv(report: ReviewLoadReport): string {
  const rows: string[][] = [HEADER];
  const scopes: [ScopeReport, string][] = [
    [report.installation, "installation"],
    ...report.repositories.map((repo): [ScopeReport, string] => [repo, "repository"]),
  ];
  for (const [scope, kind] of scopes) {
    const current = headlineValues(scope.current);
    const previous = headlineValues(scope.previous);
    const row = (metric: string, unit: string, now: number | null, before: number | null, delta: number | null): void => {
      rows.push([report.window.label, kind, scope.scope, metric, unit, number(now), number(before), number(delta)]);
    };
    for (const metric of HEADLINE_METRICS) {
      const unit = HEADLINE_METRIC_INFO[metric].unit;
      row(metric, unit === "duration" ? "ms" : unit, current[metric], previous[metric], scope.trend[metric]);
    }
    for (const bucket of SIZE_BUCKETS) {
      const now = scope.current.sizeBuckets[bucket];
      const before = scope.previous.sizeBuckets[bucket];
      row(`size_${bucket}`, "count", now, before, now - before);
    }
    row("waitingNow", "count", scope.queue.length, null, null);
  }
  for (const figures of report.precision ?? []) {
    const row = (metric: string, unit: string, now: number | null): void => {
      rows.push([report.window.label, "repository", figures.repo, metric, unit, number(now), "", ""]);
    };
    row("foureyesPosted", "count", figures.posted);
    row("teamThumbsUp", "count", figures.thumbsUp);
    row("teamThumbsDown", "count", figures.thumbsDown);
    row("teamResolvedAfterChange", "count", figures.actedOn);
    row("teamDismissed", "count", figures.dismissed);
    row("teamActedOnShare", "share", figures.actedOnShare);
  }
  return rows.map((fields) => fields.map(quoteField).join(",")).join("\r\n") + "\r\n";
}

function number(value: number | null): string {
  return value === null ? "" : String(value);
}

export function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

// Review-load metrics over a synthetic record of 5,000 PRs and 20,000 reviews
// (seeded, so every run measures the same data): computeReviewLoad plus the
// markdown, JSON and CSV renderers. Target: ≤ 1 s.

import { performance } from "node:perf_hooks";

import { DEFAULT_REPORT_OPTIONS } from "../../src/config/report-options.js";
import { computeReviewLoad } from "../../src/reports/compute-review-load.js";
import { renderReportCsv } from "../../src/reports/render-report-csv.js";
import { renderReportJson } from "../../src/reports/render-report-json.js";
import { renderReportMarkdown } from "../../src/reports/render-report-markdown.js";
import { previousWeek, weekWindow } from "../../src/reports/week-window.js";
import { syntheticRecords } from "../fixtures/reports/synthetic-records.js";

export default async function benchReportMetrics(): Promise<void> {
  const now = new Date("2026-11-30T07:00:00+01:00");
  const window = weekWindow(now, "Europe/Berlin");
  const previousWindow = previousWeek(window);
  const { pulls, advisory } = syntheticRecords({
    seed: 7,
    pulls: 5_000,
    reviews: 20_000,
    repos: 25,
    reviewers: 60,
    from: new Date("2026-10-01T00:00:00+02:00"),
    to: now,
  });
  const reviews = pulls.reduce((sum, pull) => sum + pull.reviews.length, 0);

  const run = (): { computeMs: number; renderMs: number; chars: number } => {
    const started = performance.now();
    const report = computeReviewLoad({ scope: "acme", pulls, advisory, window, previousWindow, options: DEFAULT_REPORT_OPTIONS, now });
    const computed = performance.now();
    const markdown = renderReportMarkdown(report);
    renderReportJson(report);
    renderReportCsv(report);
    return { computeMs: computed - started, renderMs: performance.now() - computed, chars: markdown.length };
  };

  run(); // warm-up: JIT and Intl formatters
  const runs = Array.from({ length: 5 }, run);
  const totals = runs.map((r) => r.computeMs + r.renderMs).sort((a, b) => a - b);
  const median = totals[Math.floor(totals.length / 2)] ?? 0;
  const best = runs.reduce((a, b) => (a.computeMs + a.renderMs <= b.computeMs + b.renderMs ? a : b));
  console.log(`records: ${pulls.length} PRs, ${reviews} reviews, ${advisory.length} advisory comments, 25 repositories`);
  console.log(`computeReviewLoad: ${best.computeMs.toFixed(1)} ms; render markdown+JSON+CSV: ${best.renderMs.toFixed(1)} ms (best of 5)`);
  console.log(`compute + render: median ${median.toFixed(1)} ms over 5 runs (target ≤ 1000 ms); markdown ${best.chars} chars`);
}

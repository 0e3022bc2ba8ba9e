// The top of the weekly report, read in ten seconds: at most three plain
// sentences of what changed and what needs a person, then the week against the
// last, metric by metric, with "(better)" / "(worse)" where a metric has a
// direction. Gini stays in the CSV and JSON; "top-3 share" only shows when
// there are more than three reviewers (with three or fewer it is always 100%).

import { escapeInlineText, safeLinkTarget } from "./escape-report-text.js";
import { formatDuration, formatLocalDateTime, formatShare, formatTrend, formatValue } from "./format-report-values.js";
import { HEADLINE_METRIC_INFO, headlineValues } from "./headline-values.js";
import { HEADLINE_METRICS, type ReviewLoadReport, type ScopeReport } from "./review-load-report.js";

export function renderHeadline(report: ReviewLoadReport, push: (...lines: string[]) => void): void {
  const scope = report.installation;
  push(headlineSentences(scope, formatLocalDateTime(report.generatedAt, report.window.timeZone)).join(" "), "");
  const current = headlineValues(scope.current);
  const previous = headlineValues(scope.previous);
  const showTop3 = scope.current.reviews.reviewers > 3 || scope.previous.reviews.reviewers > 3;
  push("| This week against last | This week | Last week | Trend |", "| --- | ---: | ---: | :---: |");
  for (const metric of HEADLINE_METRICS) {
    const { label, unit, better, inMarkdown } = HEADLINE_METRIC_INFO[metric];
    if (inMarkdown === false || (metric === "top3Share" && !showTop3)) continue;
    push(`| ${label} | ${formatValue(current[metric], unit)} | ${formatValue(previous[metric], unit)} | ${formatTrend(scope.trend[metric], unit, better)} |`);
  }
  push("");
}

/** What changed, the four-eyes exceptions, and who is waiting: one sentence each. */
function headlineSentences(scope: ScopeReport, now: string): string[] {
  const week = scope.current;
  const before = scope.previous;
  const wait = week.timeToFirstReview.p50Ms;
  const waitBefore = before.timeToFirstReview.p50Ms;
  const trend = scope.trend.timeToFirstReviewP50;
  const verdict = trend === null || trend === 0 ? "" : trend > 0 ? ", worse" : ", better";
  const sentences = [
    `**${week.merged} PRs merged** (last week ${before.merged})` +
      (wait === null ? "; no first human review this week." : `; a first human review took a median of **${formatDuration(wait)}** (last week ${formatDuration(waitBefore)}${verdict}).`),
  ];
  const exceptions = week.mergedWithoutApproval.length;
  if (exceptions > 0) {
    sentences.push(`**${exceptions} of ${week.merged} merges (${formatShare(exceptions / week.merged)}) had no human approval**: each needs a reviewer's look (list below).`);
  }
  const oldest = scope.queue[0];
  if (oldest === undefined) sentences.push(`No PR is waiting for a first human review (as of ${now}).`);
  else {
    const target = safeLinkTarget(oldest.url);
    const ref = `${escapeInlineText(oldest.repo, 80)}#${oldest.number}`;
    sentences.push(
      `**${scope.queue.length} ${scope.queue.length === 1 ? "PR waits" : "PRs wait"} for a first human review** as of ${now}; the oldest, ${target ? `[${ref}](${target})` : ref}, for ${formatDuration(oldest.ageMs)}.`,
    );
  }
  return sentences;
}

// Renders the review-load report as the body of the weekly GitHub issue: a
// hidden marker (so the publisher updates this week's issue in place), the
// headline table with the trend, mermaid xychart-beta charts each followed by
// a table fallback, and the lists. Stays under GitHub's 65,536-character issue
// body limit: lists are cut with "… and N more", and cut harder if needed.

import { GITHUB_BODY_MAX_CHARS } from "../core/text-limits.js";
import { escapeChartLabel, escapeInlineText, safeLinkTarget } from "./escape-report-text.js";
import { formatDuration, formatLocalDateTime, formatShare, formatValue, NO_DATA } from "./format-report-values.js";
import { renderHeadline } from "./render-report-headline.js";
import { renderTeamPrecision } from "./render-team-precision.js";
import { FOUR_EYES_REASONS, type PullRef, type ReviewLoadReport, type ScopeReport, SIZE_BUCKETS } from "./review-load-report.js";

/** Room left for the publisher's own additions (e.g. a footer). */
const BODY_BUDGET = GITHUB_BODY_MAX_CHARS - 1_536;
const CHART_MAX_BARS = 20;
const READERS = "This issue is readable by everyone who can read this repository.";

export interface MarkdownRenderOptions {
  /** Longest list before "… and N more" (default 50); lowered automatically to fit the limit. */
  maxListItems?: number;
}

export function reportMarker(report: Pick<ReviewLoadReport, "scope" | "window">): string {
  return `<!-- foureyes:report=${report.scope.replace(/--|>/g, "")}:${report.window.label} -->`;
}

export function renderReportMarkdown(report: ReviewLoadReport, options: MarkdownRenderOptions = {}): string {
  let maxListItems = Math.max(1, options.maxListItems ?? 50);
  for (;;) {
    const body = renderWithLimit(report, maxListItems);
    if (body.length <= BODY_BUDGET) return body;
    if (maxListItems === 1) {
      const note = "\n\n… (cut to fit GitHub's issue size limit; the JSON report has everything)\n";
      return body.slice(0, BODY_BUDGET - note.length) + note;
    }
    maxListItems = Math.max(1, Math.floor(maxListItems / 2));
  }
}

function renderWithLimit(report: ReviewLoadReport, limit: number): string {
  const scope = report.installation;
  const lines: string[] = [];
  const push = (...more: string[]): void => {
    lines.push(...more);
  };
  renderIntro(report, push);
  renderHeadline(report, push);
  renderMergedWithoutApproval(scope, report.window.timeZone, limit, push);
  renderSizes(scope, push);
  renderReviewers(report, scope, limit, push);
  renderQueue(report, scope, limit, push);
  renderRubberStamps(report, scope, limit, push);
  renderAiAssisted(scope, push);
  renderAdvisoryComments(scope, push);
  renderTeamPrecision(report.precision, push);
  renderPerRepository(report, limit, push);
  renderHowCounted(push);
  return lines.join("\n");
}

/** The marker, the title and what the week covers. */
function renderIntro(report: ReviewLoadReport, push: (...lines: string[]) => void): void {
  const tz = report.window.timeZone;
  push(reportMarker(report), "");
  push(`# Review load: ${escapeInlineText(report.scope)}, ${report.window.label}`, "");
  push(
    `${formatLocalDateTime(report.window.start, tz)} to ${formatLocalDateTime(report.window.end, tz)} (${escapeInlineText(tz)}), ` +
      `compared with ${report.previousWindow.label}. ` +
      `${report.repositories.length} ${report.repositories.length === 1 ? "repository" : "repositories"}. ` +
      peopleNote(report),
    "",
  );
}

/** Merged PRs by size bucket. */
function renderSizes(scope: ScopeReport, push: (...lines: string[]) => void): void {
  if (scope.current.merged + scope.previous.merged === 0) return; // the headline already says "0 PRs merged"
  push("### Sizes of merged PRs (additions + deletions)", "", "| Size | Lines | This week | Last week |", "| --- | --- | ---: | ---: |");
  const sizeRanges = { xs: "≤ 50", s: "51–200", m: "201–400", l: "401–700", xl: "> 700" } as const;
  for (const bucket of SIZE_BUCKETS) {
    push(`| ${bucket} | ${sizeRanges[bucket]} | ${scope.current.sizeBuckets[bucket]} | ${scope.previous.sizeBuckets[bucket]} |`);
  }
  push("");
}

/** The four-eyes exceptions first: every merge without a human approval, with the share and the reason. */
function renderMergedWithoutApproval(scope: ScopeReport, tz: string, limit: number, push: (...lines: string[]) => void): void {
  const exceptions = scope.current.mergedWithoutApproval;
  const merged = scope.current.merged;
  if (exceptions.length === 0) {
    push(`**Four-eyes exceptions:** none; every one of ${merged} merges had a human approval.`, "");
    return;
  }
  push(
    `## Four-eyes exceptions: ${exceptions.length} of ${merged} merges (${formatShare(exceptions.length / merged)}) without a human approval`,
    "",
  );
  for (const pull of exceptions.slice(0, limit)) {
    push(
      `- ${pullLink(pull)} ${escapeInlineText(pull.title, 80)}: **${FOUR_EYES_REASONS[pull.reason]}**; merged ${formatLocalDateTime(pull.mergedAt, tz)}, ${pull.changedLines} lines${pull.aiAssisted ? ", AI-assisted" : ""}`,
    );
  }
  pushMore(exceptions.length, limit, push, "- ");
  push("");
}

/** Large changes approved without a comment within minutes of the request. */
function renderRubberStamps(report: ReviewLoadReport, scope: ScopeReport, limit: number, push: (...lines: string[]) => void): void {
  const stamps = scope.current.rubberStamps;
  const { rubberStampMinChangedLines: minLines, rubberStampMaxMinutesAfterRequest: maxMinutes } = report.thresholds;
  const what = `approvals without a comment on PRs over ${minLines} changed lines, given at most ${maxMinutes} minutes after the review request`;
  if (stamps.length === 0) push(`**Rubber stamps** (${what}): none.`, "");
  else {
    push("## Rubber stamps", "", `${what[0]!.toUpperCase()}${what.slice(1)}.`, "");
    // Only named mode pairs a person with a PR: the PR page shows who approved, which would undo an alias.
    const named = report.people === "named";
    push(named ? "| Pull request | Reviewer | Lines | Minutes after request |" : "| Pull request | Lines | Minutes after request |");
    push(named ? "| --- | --- | ---: | ---: |" : "| --- | ---: | ---: |");
    for (const stamp of stamps.slice(0, limit)) {
      const reviewer = named ? ` ${escapeInlineText(stamp.reviewer ?? NO_DATA)} |` : "";
      push(`| ${pullLink(stamp)} ${escapeInlineText(stamp.title, 80)} |${reviewer} ${stamp.changedLines} | ${stamp.minutesAfterRequest} |`);
    }
    pushMore(stamps.length, limit, push, "");
    push("");
  }
}

/** AI-assisted changes against the rest. */
function renderAiAssisted(scope: ScopeReport, push: (...lines: string[]) => void): void {
  const ai = scope.current.aiAssisted;
  if (ai.pulls === 0) {
    push(`**AI-assisted changes:** none among the ${scope.current.merged} PRs merged this week.`, "");
    return;
  }
  push("## AI-assisted changes", "");
  push("PRs opened by bot accounts or with a coding agent's Co-authored-by trailer, among the PRs merged this week.", "");
  push("| | AI-assisted | Other |", "| --- | ---: | ---: |");
  push(`| Merged PRs | ${ai.pulls} (${formatShare(ai.pullShare)}) | ${scope.current.merged - ai.pulls} |`);
  push(`| Lines changed | ${ai.lines.toLocaleString("en-US")} (${formatShare(ai.lineShare)}) | ${(scope.current.linesChanged - ai.lines).toLocaleString("en-US")} |`);
  push(`| Time to first human review, median | ${formatDuration(ai.timeToFirstReview.p50Ms)} | ${formatDuration(ai.otherTimeToFirstReview.p50Ms)} |`);
  push(`| Time to first human review, 90th percentile | ${formatDuration(ai.timeToFirstReview.p90Ms)} | ${formatDuration(ai.otherTimeToFirstReview.p90Ms)} |`);
  push(`| Open → merge, median | ${formatDuration(ai.openToMerge.p50Ms)} | ${formatDuration(ai.otherOpenToMerge.p50Ms)} |`);
  push(`| Open → merge, 90th percentile | ${formatDuration(ai.openToMerge.p90Ms)} | ${formatDuration(ai.otherOpenToMerge.p90Ms)} |`, "");
}

/** What came of foureyes' own comments. */
function renderAdvisoryComments(scope: ScopeReport, push: (...lines: string[]) => void): void {
  const advisory = scope.current.advisory;
  const before = scope.previous.advisory;
  if (advisory.posted + before.posted === 0) {
    push("**foureyes advisory comments:** none posted this week or last.", "");
    return;
  }
  push("## foureyes advisory comments", "", "| | This week | Last week |", "| --- | ---: | ---: |");
  push(`| Posted | ${advisory.posted} | ${before.posted} |`);
  push(`| With a reply | ${advisory.replied} | ${before.replied} |`);
  push(`| With a reaction | ${advisory.reacted} | ${before.reacted} |`);
  push(`| Thread resolved | ${advisory.resolved} | ${before.resolved} |`);
  push(`| Any of these | ${advisory.engaged} (${formatShare(advisory.engagedShare)}) | ${before.engaged} (${formatShare(before.engagedShare)}) |`, "");
}

/** One row per repository of an installation-wide report. */
function renderPerRepository(report: ReviewLoadReport, limit: number, push: (...lines: string[]) => void): void {
  if (report.repositories.length > 1) {
    push("## Per repository", "");
    push("| Repository | Opened | Merged | First review, median | Merged without approval | Waiting now |", "| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const repo of report.repositories.slice(0, limit)) {
      push(
        `| ${escapeInlineText(repo.scope)} | ${repo.current.opened} | ${repo.current.merged} | ${formatDuration(repo.current.timeToFirstReview.p50Ms)} | ${repo.current.mergedWithoutApproval.length} | ${repo.queue.length} |`,
      );
    }
    pushMore(report.repositories.length, limit, push, "");
    push("");
  }
}

/** How the figures are counted. */
function renderHowCounted(push: (...lines: string[]) => void): void {
  push(
    "<sub>How this is counted: PRs by the time of each event in the week (opened, merged, closed); time to first human review from the later of ready-for-review and the first review request; " +
      "medians and percentiles by nearest rank; times in the report's time zone with their UTC offset. Bots (account type Bot), foureyes and self-reviews are never human reviews. " +
      "foureyes is advisory: sign-off stays with human reviewers.</sub>",
    "",
  );
}

function renderReviewers(report: ReviewLoadReport, scope: ScopeReport, limit: number, push: (...lines: string[]) => void): void {
  const reviews = scope.current.reviews;
  push("## Reviews per reviewer", "");
  push(
    `${reviews.total} human reviews by ${reviews.reviewers} reviewers` +
      (reviews.reviewers > 3 ? `; the top 3 did ${formatShare(reviews.top3Share)}` : "") +
      `; ${formatValue(scope.current.depth.commentsPerNonEmptyReview, "ratio")} comments per non-empty review.`,
    "",
  );
  if (report.people === "aggregate") {
    push("Per-person rows are off (`reports.people: aggregate`).", "");
    return;
  }
  if (reviews.perReviewer.length === 0) {
    push("No human reviews this week.", "");
    return;
  }
  const bars = reviews.perReviewer.slice(0, CHART_MAX_BARS);
  push(
    "```mermaid",
    "---",
    "config:",
    "  xyChart:",
    "    showDataLabel: true",
    "---",
    "xychart-beta",
    `  title "Human reviews per reviewer, ${report.window.label}"`,
    `  x-axis [${bars.map((load) => `"${escapeChartLabel(load.reviewer)}"`).join(", ")}]`,
    // Mermaid picks "nice" ticks; from 10 up they are whole numbers, as counts should be.
    `  y-axis "Reviews" 0 --> ${Math.max(10, ...bars.map((load) => load.reviews))}`,
    `  bar [${bars.map((load) => load.reviews).join(", ")}]`,
    "```",
    "",
  );
  push("| Reviewer | Reviews | Approvals | Comments |", "| --- | ---: | ---: | ---: |");
  for (const load of reviews.perReviewer.slice(0, limit)) {
    push(`| ${escapeInlineText(load.reviewer, 60)} | ${load.reviews} | ${load.approvals} | ${load.comments} |`);
  }
  pushMore(reviews.perReviewer.length, limit, push, "");
  push("");
}

/** The one list of waiting PRs, oldest first, as of the report's run. */
function renderQueue(report: ReviewLoadReport, scope: ScopeReport, limit: number, push: (...lines: string[]) => void): void {
  const tz = report.window.timeZone;
  const asOf = formatLocalDateTime(report.generatedAt, tz);
  if (scope.queue.length === 0) {
    push(`**Waiting for a first human review:** none (as of ${asOf}).`, "");
    return;
  }
  const byAge = scope.queueByAge.filter((row) => row.count > 0).map((row) => `${row.count} ${row.bucket}`);
  push(`## Waiting for a first human review as of ${asOf}`, "", `By age: ${byAge.join(", ")}. Oldest first:`, "");
  push("| Pull request | Waiting since | Age | Lines |", "| --- | --- | ---: | ---: |");
  for (const pull of scope.queue.slice(0, limit)) {
    push(`| ${pullLink(pull)} ${escapeInlineText(pull.title, 80)} | ${formatLocalDateTime(pull.waitingSince, tz)} | ${formatDuration(pull.ageMs)} | ${pull.changedLines} |`);
  }
  pushMore(scope.queue.length, limit, push, "");
  push("");
}

function peopleNote(report: ReviewLoadReport): string {
  switch (report.people) {
    case "named":
      return `People: named (opted in by \`reports.people: named\`). ${READERS}`;
    case "aggregate":
      return `People: aggregate figures only. ${READERS}`;
    default:
      return `People: pseudonymous; aliases hold within this report only and are never shown beside a PR. ${READERS} For no per-person rows at all, set \`reports.people: aggregate\`.`;
  }
}

function pullLink(pull: PullRef): string {
  const text = `${escapeInlineText(pull.repo, 80)}#${pull.number}`;
  const target = safeLinkTarget(pull.url);
  return target ? `[${text}](${target})` : text;
}

/** After a table the note needs a blank line first, or markdown reads it as one more row. */
function pushMore(total: number, shown: number, push: (...lines: string[]) => void, prefix: string): void {
  if (total <= shown) return;
  if (prefix === "") push("", `… and ${total - shown} more`);
  else push(`${prefix}… and ${total - shown} more`);
}

// Turns a review result into what GitHub shows: the review body and its inline
// comments. Pure: the same result always renders the same markdown.

import type { AnchoredComment } from "../core/comments.js";
import { countOf } from "../core/count-of.js";
import { COMMENT_MARKER, findingMarker, headMarker } from "../core/markers.js";
import type { Severity } from "../core/severity.js";
import { GITHUB_BODY_MAX_CHARS, truncate } from "../core/text-limits.js";
import { renderFirstBlockAsLine } from "../markdown/render-first-block-as-line.js";
import { renderFocusList } from "./render-focus-list.js";
import { renderLineLink } from "./render-line-link.js";
import { renderSkippedFiles } from "./render-skipped-files.js";
import { renderTestGaps } from "./render-test-gaps.js";
import { renderTestSuggestions } from "./test-suggestions/render-test-suggestions.js";
import { titleFinding } from "./title-finding.js";
import type { ReviewResult, ReviewScope } from "./types.js";

export interface RenderedComment {
  path: string;
  line: number;
  side: "LEFT" | "RIGHT";
  start_line?: number;
  start_side?: "LEFT" | "RIGHT";
  body: string;
}

export interface RenderedReview {
  body: string;
  comments: RenderedComment[];
}

/** The body's pieces, for surfaces that arrange them differently (the terminal puts the footer last). */
export interface ReviewBodyParts {
  /** The title, without heading marks: each surface picks its level. */
  heading: string;
  /** Markdown lines between the title and the footer. */
  sections: string[];
  /** One line of plain markdown, without GitHub's small print. */
  footer: string;
}

/** Room left under GitHub's body limit for what the sink appends (rerun note, unplaced comments' heading). */
const BODY_CHARS = GITHUB_BODY_MAX_CHARS - 5_000;
const MAX_LISTED = 50;
/** How much of an over-the-limit finding the overflow list shows. */
const OVERFLOW_LINE_CHARS = 300;

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: "Critical",
  major: "Major",
  minor: "Minor",
  nit: "Nit",
};

export const ADVISORY_FOOTER =
  "Advisory only: foureyes comments, it cannot approve, request changes or block a merge. Sign-off stays with the human reviewers.";

export function renderReview(result: ReviewResult): RenderedReview {
  return {
    body: renderBody(result),
    comments: result.comments.map(renderComment),
  };
}

export function renderComment(comment: AnchoredComment): RenderedComment {
  const rendered: RenderedComment = {
    path: comment.path,
    line: comment.line,
    side: comment.side,
    // The finding marker goes before the comment marker, which ends every comment (see find-advisory-comments).
    body: `${commentHeading(comment)}\n\n${comment.body}\n\n${comment.identity ? `${findingMarker(comment.identity)}\n` : ""}${COMMENT_MARKER}`,
  };
  if (comment.startLine !== undefined) {
    rendered.start_line = comment.startLine;
    rendered.start_side = comment.side;
  }
  return rendered;
}

/** One line: severity, category, rule, then the finding's title in bold (earlier reviews are read back by this line's shape). */
function commentHeading(comment: AnchoredComment): string {
  const source = comment.source === "model" ? "" : ` · ${comment.source}`;
  const title = titleFinding(comment);
  return `**${SEVERITY_LABEL[comment.severity]}** · ${comment.category}${source}${title === "" ? "" : ` — **${title}**`}`;
}

/** A review after a push covers only the new commits; the body says so, and from where. */
function describeScope(scope: ReviewScope): string {
  return scope.kind === "since" ? `Changes since ${scope.sinceSha.slice(0, 7)}, the last commit foureyes reviewed.` : "Whole pull request.";
}

function renderBody(result: ReviewResult): string {
  const { heading, sections, footer } = renderReviewParts(result);
  const body = [headMarker(result.headSha), `### ${heading}`, "", ...sections, "---", `<sub>${footer}</sub>`].join("\n");
  return truncate(body, BODY_CHARS);
}

export function renderReviewParts(result: ReviewResult): ReviewBodyParts {
  const parts = [...(result.scope ? [describeScope(result.scope), ""] : []), result.summary, ""];
  const focus = renderFocusList([...result.comments, ...result.overflow], result.pullUrl);
  if (focus.length > 0) parts.push(...focus, "");
  if (result.configError) {
    parts.push(`> **Repository settings ignored:** ${escapeMarkdown(result.configError)}. Every other setting applied.`, "");
  }
  if (result.ruleProblems) parts.push(`> **Custom rules that did not run:** ${escapeMarkdown(result.ruleProblems.join("; "))}. Every other rule ran.`, "");
  if (!result.model.ok) {
    parts.push(`> **No model comments:** ${escapeMarkdown(result.model.error ?? "the model did not answer")}`, "");
  }
  if (result.overflow.length > 0) parts.push(...renderOverflow(result.overflow, result.pullUrl), "");
  const testGaps = renderTestGaps(result.testGaps ?? [], result.testGapNote);
  if (testGaps.length > 0) parts.push(...testGaps, "");
  parts.push(...renderTestSuggestions(result.testSuggestions));
  const removed = result.skipped.filter((file) => file.reason === "removed");
  const notReviewed = result.skipped.filter((file) => file.reason !== "removed");
  if (notReviewed.length > 0) parts.push(...renderSkippedFiles(notReviewed, "not reviewed"), "");
  if (removed.length > 0) parts.push(...renderSkippedFiles(removed, "removed"), "");
  const footer = `${ADVISORY_FOOTER} Model \`${inlineCode(result.model.name)}\` · prompt ${result.promptVersion} · commit ${result.headSha.slice(0, 12)}${result.auditId ? ` · audit: ${result.auditId}` : ""}. React 👍 or 👎 on a comment to say whether it helped.`;
  return { heading: "foureyes advisory review", sections: parts, footer };
}

function renderOverflow(overflow: AnchoredComment[], pullUrl: string | undefined): string[] {
  const lines = [`<details><summary>${countOf(overflow.length, "more finding")} over this review's comment limit</summary>`, ""];
  for (const comment of overflow.slice(0, MAX_LISTED)) {
    // Re-read from the tree: a raw first line can open a code span or fence that runs into the rest of the body.
    const opening = renderFirstBlockAsLine(comment.body, OVERFLOW_LINE_CHARS);
    // A rule's id tells the reader where to look it up (and how to silence it).
    const rule = comment.source.startsWith("rule:") ? ` · \`${inlineCode(comment.source.slice("rule:".length))}\`` : "";
    lines.push(`- ${renderLineLink(comment, pullUrl)} **${SEVERITY_LABEL[comment.severity]}**${rule}: ${opening}`);
  }
  if (overflow.length > MAX_LISTED) lines.push(`- … and ${overflow.length - MAX_LISTED} more`);
  lines.push("", "</details>");
  return lines;
}

/** Paths and names come from the repository: keep them inert inside inline code. */
function inlineCode(text: string): string {
  return text.replace(/`/g, "'").replace(/[\r\n]/g, " ");
}

function escapeMarkdown(text: string): string {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@/g, "@\u200b").replace(/[\r\n]+/g, " ");
}

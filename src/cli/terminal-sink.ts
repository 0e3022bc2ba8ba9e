// The ReviewSink for the terminal: the same markdown GitHub would show (body,
// then each inline comment under its `path:line`), or the JSON contract of
// review-json.ts for tools.

import { stripMarkers } from "../core/markers.js";
import type { ReviewSink } from "../review/ports.js";
import { renderReview, renderReviewParts } from "../review/render-review.js";
import type { ReviewResult } from "../review/types.js";
import { toReviewJson } from "./review-json.js";

export type ReviewFormat = "markdown" | "json";

export function createTerminalSink(format: ReviewFormat, write: (text: string) => void): ReviewSink {
  return {
    async publish(result) {
      write(format === "json" ? `${JSON.stringify(toReviewJson(result), null, 2)}\n` : renderMarkdown(result));
    },
  };
}

/** Headings in order (# review, ## inline comments, ### each place) and the footer last, after the comments it speaks of. */
function renderMarkdown(result: ReviewResult): string {
  const { heading, sections, footer } = renderReviewParts(result);
  const comments = renderReview(result).comments;
  const parts = [`# ${heading}`, "", withoutMarkers(sections.join("\n"))];
  if (comments.length > 0) {
    parts.push("", `## Inline comments (${comments.length})`);
    for (const comment of comments) {
      const lines = comment.start_line !== undefined ? `${comment.start_line}-${comment.line}` : `${comment.line}`;
      const side = comment.side === "LEFT" ? " (removed line)" : "";
      parts.push("", `### ${comment.path}:${lines}${side}`, "", withoutMarkers(comment.body));
    }
  }
  parts.push("", "---", "", footer);
  return `${parts.join("\n")}\n`;
}

/** The hidden `<!-- foureyes:… -->` markers matter on GitHub, not in a terminal. */
function withoutMarkers(text: string): string {
  return stripMarkers(text)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// Makes a model-written comment safe to post: the model's words are data.
// Sanitised on the parsed markdown (src/markdown): nobody is pinged, no raw
// HTML renders, no image loads, no bot reads a command in it, no foureyes
// marker is forged, no hidden characters; and the length is bounded without
// leaving a code block open.

import { COMMENT_BODY_MAX_CHARS } from "../core/text-limits.js";
import { sanitizeMarkdown } from "../markdown/sanitize-markdown.js";

const ELLIPSIS = "…";

export function sanitizeCommentBody(text: string, maxChars: number = COMMENT_BODY_MAX_CHARS): string {
  const source = text.replace(/\r\n?/g, "\n").trim();
  let keep = Math.min(source.length, maxChars);
  let safe = sanitizeMarkdown(keep < source.length ? cutSource(source, keep) : source);
  // Escaping makes the text longer than its source: cut the source shorter and sanitise again until it fits.
  while (safe.length > maxChars) {
    if (keep === 0) return ELLIPSIS.slice(0, maxChars);
    keep = Math.max(0, Math.min(keep - 1, Math.floor((keep * maxChars) / safe.length)));
    safe = sanitizeMarkdown(cutSource(source, keep));
  }
  return safe;
}

function cutSource(source: string, keep: number): string {
  return `${source.slice(0, keep).replace(/[\uD800-\uDBFF]$/, "").trimEnd()}${ELLIPSIS}`;
}

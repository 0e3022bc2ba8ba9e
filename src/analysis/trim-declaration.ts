// A declaration's text for the prompt: whole when it fits, else its header and
// a window around the change. The header runs from the first line (decorators,
// annotations, attributes, `export`) to the line with the name, so no amount
// of annotation pushes the name out of what the model sees.

import type { DeclarationSite } from "./find-declarations.js";

/** Declarations longer than this are trimmed to the region around the change. */
export const DECLARATION_LINE_CAP = 200;
/** Lines kept above the first and below the last change when trimming. */
const TRIM_MARGIN = 20;
/** A header longer than this keeps only its first line and the name's line. */
const HEADER_CAP = 12;

/** The declaration's text (trimmed around the `changed` lines when over the cap), from the file's `lines`. */
export function trimDeclaration(site: DeclarationSite, changed: number[], lines: string[]): { text: string; truncated: boolean } {
  const { startLine, endLine } = site;
  if (endLine - startLine + 1 <= DECLARATION_LINE_CAP) return { text: sliceLines(lines, startLine, endLine), truncated: false };

  const nameLine = Math.min(Math.max(site.nameLine, startLine), endLine);
  const header: string[] =
    nameLine - startLine < HEADER_CAP
      ? [sliceLines(lines, startLine, nameLine)]
      : [sliceLines(lines, startLine, startLine), `// … lines ${startLine + 1}-${nameLine - 1} omitted`, sliceLines(lines, nameLine, nameLine)];
  const bodyStart = nameLine + 1;
  const room = DECLARATION_LINE_CAP - (nameLine - startLine < HEADER_CAP ? nameLine - startLine + 1 : 2);
  const first = Math.min(...changed);
  const last = Math.max(...changed);
  let from = Math.max(bodyStart, first - TRIM_MARGIN);
  let to = Math.min(endLine, Math.max(last + TRIM_MARGIN, from + room - 1));
  if (to - from + 1 > room) to = from + room - 1;
  if (to === endLine) from = Math.max(bodyStart, Math.min(from, endLine - room + 1));

  const parts = [...header];
  if (from > bodyStart) parts.push(`// … lines ${bodyStart}-${from - 1} omitted`);
  if (from <= to) parts.push(sliceLines(lines, from, to));
  if (to < endLine) parts.push(`// … lines ${Math.max(to, nameLine) + 1}-${endLine} omitted`);
  return { text: parts.join("\n"), truncated: true };
}

/** Lines `from`..`to` (1-based, inclusive), without CRLF's carriage returns. */
function sliceLines(lines: string[], from: number, to: number): string {
  const text = lines.slice(from - 1, to).join("\n");
  return text.includes("\r") ? text.replace(/\r$/gm, "") : text;
}

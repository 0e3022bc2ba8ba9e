// A declaration's text for the prompt: whole when it fits, else its header and
// a window around the change. The header runs from the first line (decorators,
// annotations, attributes, `export`) to the line with the name, so no amount
// of annotation pushes the name out of what the model sees.

import type { DeclarationSite } from "./find-declarations.js";
import type { DeclarationKind } from "./types.js";

/** Declarations longer than this are trimmed to the region around the change. */
export const DECLARATION_LINE_CAP = 200;
/**
 * Types are trimmed sooner, and only to a window around the change: a change
 * between a class's members needs the class's header and its neighbours, not
 * two hundred lines of other members.
 */
export const CONTAINER_LINE_CAP = 60;
const CONTAINER_KINDS: ReadonlySet<DeclarationKind> = new Set(["class", "interface", "enum", "record", "struct", "object", "annotation", "unparsed"]);
/** Lines kept above the first and below the last change when trimming a function, and a type. */
const TRIM_MARGIN = 20;
const CONTAINER_MARGIN = 8;
/** A header longer than this keeps only its first line and the name's line. */
const HEADER_CAP = 12;

/** The declaration's text (trimmed around the `changed` lines when over the cap), from the file's `lines`. */
export function trimDeclaration(site: DeclarationSite, changed: number[], lines: string[]): { text: string; truncated: boolean } {
  const { startLine, endLine } = site;
  const container = CONTAINER_KINDS.has(site.kind);
  if (endLine - startLine + 1 <= (container ? CONTAINER_LINE_CAP : DECLARATION_LINE_CAP)) return { text: sliceLines(lines, startLine, endLine), truncated: false };

  const nameLine = Math.min(Math.max(site.nameLine, startLine), endLine);
  // A long header (docs, annotations) is cut to its first and name lines, unless the change is in it.
  const whole = nameLine - startLine < HEADER_CAP || changed.some((line) => line < nameLine);
  const header: string[] = whole
    ? [sliceLines(lines, startLine, nameLine)]
    : [sliceLines(lines, startLine, startLine), `// … lines ${startLine + 1}-${nameLine - 1} omitted`, sliceLines(lines, nameLine, nameLine)];
  const bodyStart = nameLine + 1;
  const room = DECLARATION_LINE_CAP - (whole ? nameLine - startLine + 1 : 2);
  const windows = container ? typeWindows(changed, bodyStart, endLine, room) : [functionWindow(changed, bodyStart, endLine, room)];

  const parts = [...header];
  let shownTo = nameLine;
  for (const [from, to] of windows) {
    if (from > shownTo + 1) parts.push(`// … lines ${shownTo + 1}-${from - 1} omitted`);
    parts.push(sliceLines(lines, from, to));
    shownTo = to;
  }
  if (shownTo < endLine) parts.push(`// … lines ${shownTo + 1}-${endLine} omitted`);
  return { text: parts.join("\n"), truncated: true };
}

/** One window around all changes, filled up to the room: a function's flow matters. */
function functionWindow(changed: number[], bodyStart: number, endLine: number, room: number): [number, number] {
  const first = Math.min(...changed);
  const last = Math.max(...changed);
  let from = Math.max(bodyStart, first - TRIM_MARGIN);
  let to = Math.min(endLine, Math.max(last + TRIM_MARGIN, from + room - 1));
  if (to - from + 1 > room) to = from + room - 1;
  if (to === endLine) from = Math.max(bodyStart, Math.min(from, endLine - room + 1));
  return [from, to];
}

/** A small window around each cluster of changes: a type's other members are not the change. */
function typeWindows(changed: number[], bodyStart: number, endLine: number, room: number): [number, number][] {
  const windows: [number, number][] = [];
  let left = room;
  for (const line of [...changed].sort((a, b) => a - b)) {
    const from = Math.max(bodyStart, line - CONTAINER_MARGIN);
    const to = Math.min(endLine, line + CONTAINER_MARGIN);
    const previous = windows[windows.length - 1];
    if (previous && from <= previous[1] + 1) {
      const grown = Math.min(to, previous[1] + left);
      left -= grown - previous[1];
      previous[1] = grown;
    } else if (left > 0 && from <= to) {
      const end = Math.min(to, from + left - 1);
      windows.push([from, end]);
      left -= end - from + 1;
    }
  }
  return windows;
}

/** Lines `from`..`to` (1-based, inclusive), without CRLF's carriage returns. */
function sliceLines(lines: string[], from: number, to: number): string {
  const text = lines.slice(from - 1, to).join("\n");
  return text.includes("\r") ? text.replace(/\r$/gm, "") : text;
}

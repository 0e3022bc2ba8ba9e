// Parses only the members a change touches when a file is one big type (a
// Java, Kotlin or C# class, a Python class), where cutting at top-level
// statements would parse it all. For each cluster of changed rows it takes
// the whole body of the innermost declaration around them, plus the header
// and closing lines of every declaration enclosing that one, and parses just
// those lines with tree-sitter's included ranges: one tree whose rows are the
// file's own, with the enclosing classes (and their modifiers) intact. A guess
// that does not parse cleanly returns null, and the caller parses the file.

import type Parser from "tree-sitter";

import { parserFor } from "./languages.js";
import type { LanguageName } from "./languages/language-names.js";
import { multilineStringTest } from "./multiline-strings.js";

/** A body longer than this is cut to the member that changed. */
const SMALL_BODY_ROWS = 60;
/** Give up when the parts to parse would be more than this share of the file. */
const NESTED_MAX_SHARE = 0.6;

/** The file's lines with each one's indentation and blankness, read once: the cuts below look at them for every changed row. */
interface Layout {
  lines: string[];
  /** Leading whitespace of each line (of a blank line, its length). */
  indents: Int32Array;
  blanks: Uint8Array;
  /** Per indentation level, the answers of closingRow and headerAbove found so far, by row (-1: not yet). */
  closings: Map<number, Int32Array>;
  headers: Map<number, Int32Array>;
}

function layoutOf(lines: string[]): Layout {
  const indents = new Int32Array(lines.length);
  const blanks = new Uint8Array(lines.length);
  for (const [row, line] of lines.entries()) {
    const indent = line.length - line.trimStart().length;
    indents[row] = indent;
    blanks[row] = indent === line.length ? 1 : 0;
  }
  return { lines, indents, blanks, closings: new Map(), headers: new Map() };
}

/** The answers for one level; every row a scan passes shares the answer the scan finds, so each row is scanned once per level. */
function memoFor(memos: Map<number, Int32Array>, level: number, rows: number): Int32Array {
  let memo = memos.get(level);
  if (!memo) memos.set(level, (memo = new Int32Array(rows + 1).fill(-1)));
  return memo;
}

/** Whether row `row` is blank (rows outside the file are). */
function isBlank(layout: Layout, row: number): boolean {
  return row < 0 || row >= layout.lines.length || layout.blanks[row] === 1;
}

/** Row `row`'s indentation (0 outside the file). */
function indentAt(layout: Layout, row: number): number {
  return row < 0 || row >= layout.lines.length ? 0 : (layout.indents[row] ?? 0);
}

/**
 * One tree of the parts of the file around `spans` (0-based inclusive row pairs), in the file's own rows;
 * null when that is not worth it (more than `maxRows` rows, or most of the file) or did not parse.
 */
export function parseNestedRegions(
  language: LanguageName,
  text: string,
  lines: string[],
  spans: [number, number][],
  maxRows = Number.POSITIVE_INFINITY,
): Parser.SyntaxNode | null {
  const layout = layoutOf(lines);
  const rows = new Set<number>();
  for (const [first, last] of spans) {
    const parts = rowsAround(layout, first, last);
    if (!parts) return null;
    for (const row of parts) rows.add(row);
  }
  if (rows.size > lines.length * NESTED_MAX_SHARE || rows.size >= maxRows) return null;
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  const runs = contiguous([...rows].sort((a, b) => a - b));
  // A cut inside a multi-line string would parse "cleanly" as code that is not there.
  const insideString = multilineStringTest(text);
  if (runs.some(([from]) => insideString(offsets[from] ?? 0))) return null;
  const ranges = runs.map(([from, to]) => ({
    startIndex: offsets[from] ?? 0,
    endIndex: Math.min(text.length, (offsets[to] ?? 0) + (lines[to]?.length ?? 0) + 1),
    startPosition: { row: from, column: 0 },
    endPosition: { row: to + 1, column: 0 },
  }));
  const root = parserFor(language).parse(text, undefined, { bufferSize: text.length + 1, includedRanges: ranges }).rootNode;
  return root.hasError ? null : root;
}

/** The rows to parse for one cluster: each changed row with what it needs to parse in place. */
function rowsAround(layout: Layout, first: number, last: number): number[] | null {
  const rows: number[] = [];
  // The innermost body (or member) the last indented row brought in whole: a changed row inside it
  // climbs to the same enclosing headers through rows already taken, so it needs nothing more.
  let taken: [number, number] | undefined;
  for (let row = first; row <= last; row++) {
    if (isBlank(layout, row) || (taken && row >= taken[0] && row <= taken[1])) continue;
    const comment = topLevelCommentRows(layout, row);
    if (comment) {
      rows.push(...comment);
      continue;
    }
    if (indentAt(layout, row) === 0) {
      const top = topLevelRows(layout, row);
      if (!top) return null;
      rows.push(...top);
      continue;
    }
    const inside = rowsInside(layout, row);
    if (!inside) return null;
    rows.push(...inside.rows);
    taken = inside.innermost;
  }
  return rows;
}

/**
 * A line of a block comment that opens at column 0 (a licence header, a top-level doc comment): the whole
 * comment, with the top-level line right below it that it may document; undefined for any other line.
 */
function topLevelCommentRows(layout: Layout, row: number): number[] | undefined {
  const { lines } = layout;
  let opener = row;
  while (opener >= 0 && !/^\/\*/.test(lines[opener] ?? "")) {
    if (!/^\s*\*/.test(lines[opener] ?? "") || (opener < row && (lines[opener] ?? "").includes("*/"))) return undefined;
    opener--;
  }
  if (opener < 0) return undefined;
  let closer = opener;
  while (closer < lines.length && !(lines[closer] ?? "").includes("*/", closer === opener ? 2 : 0)) closer++;
  if (closer < row || closer >= lines.length) return undefined;
  const rows = range(opener, closer);
  const below = closer + 1;
  if (!isBlank(layout, below) && indentAt(layout, below) === 0) rows.push(...(topLevelRows(layout, below) ?? []));
  return rows;
}

/** A top-level line: an import or the like alone; a declaration's header with its closing line; a closing line with its header. */
function topLevelRows(layout: Layout, row: number): number[] | null {
  const { lines } = layout;
  const line = lines[row] ?? "";
  if (/^(?:import|package|using|from|#|\/\/|\/\*|\*)/.test(line) || /;\s*$/.test(line)) return [row];
  let header = row;
  if (/^[}\])]/.test(line)) {
    while (header > 0 && (isBlank(layout, header) || indentAt(layout, header) > 0 || isContinuation(lines[header]))) header--;
  }
  const start = headerStart(layout, header);
  const end = headerEnd(lines, header, lines.length);
  const close = closingRow(layout, end + 1, 0);
  const rows = range(start, end);
  if (close < lines.length && /^[}\])]/.test(lines[close] ?? "")) rows.push(close);
  return rows;
}

/**
 * An indented line: the member it sits in (or the whole body of a small enclosing declaration), inside every
 * enclosing header; `innermost` is that member or body.
 */
function rowsInside(layout: Layout, changed: number): { rows: number[]; innermost: [number, number] } | null {
  const { lines } = layout;
  let level = indentAt(layout, changed);
  const rows: number[] = [];
  let innermost: [number, number] | undefined;
  for (let row = headerAbove(layout, changed - 1, level); row >= 0; row = level > 0 ? headerAbove(layout, row - 1, level) : -1) {
    const memberLevel = level;
    level = indentAt(layout, row);
    const close = closingRow(layout, Math.max(row + 1, changed + 1), level);
    const end = headerEnd(lines, row, changed);
    rows.push(...range(headerStart(layout, row), end));
    if (!innermost) {
      const whole = close - end <= SMALL_BODY_ROWS;
      rows.push(...(whole ? range(end + 1, close - 1) : memberRows(layout, changed, memberLevel, end, close)));
      // A member's annotations and comments sit above it, outside its rows: only a whole body counts as taken.
      innermost = whole ? [end + 1, close - 1] : [changed, changed];
    }
    if (close < lines.length && /^\s*[}\])]/.test(lines[close] ?? "")) rows.push(close);
    // No closing line (Python): the body's last member marks where the declaration ends.
    else rows.push(...memberRows(layout, lastFilledRow(layout, close), memberLevel, end, close));
  }
  return level === 0 && innermost ? { rows, innermost } : null;
}

/** The member of a large body that holds the changed row: from its first line to the next member or the body's end. */
function memberRows(layout: Layout, changed: number, level: number, bodyStart: number, close: number): number[] {
  let from = changed;
  while (from > bodyStart + 1 && !startsMember(layout, from, level)) from--;
  let to = changed + 1;
  while (to < close && !startsMember(layout, to, level)) to++;
  return range(from, to - 1);
}

/** A line at the member level that starts a member: after a blank line, or after a line that ended one. */
function startsMember(layout: Layout, row: number, level: number): boolean {
  if (isBlank(layout, row) || indentAt(layout, row) !== level || /^\s*(?:[{}).,:?+\-=>&|]|(?:extends|implements|where|throws|else|elif|except|finally|catch)\b)/.test(layout.lines[row] ?? "")) return false;
  return isBlank(layout, row - 1) || (indentAt(layout, row - 1) <= level && /[;{}]\s*$/.test(layout.lines[row - 1] ?? ""));
}

/** The last non-blank row before `row`. */
function lastFilledRow(layout: Layout, row: number): number {
  let last = row - 1;
  while (last > 0 && isBlank(layout, last)) last--;
  return last;
}

function isCommentLine(line: string | undefined): boolean {
  return /^\s*(?:\/\/|\/\*|\*|#)/.test(line ?? "");
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
}

/** The first row at or after `from` that is back at `indent` or less: the declaration's closing line, or what follows it. */
function closingRow(layout: Layout, from: number, indent: number): number {
  const count = layout.lines.length;
  if (from >= count) return count;
  const memo = memoFor(layout.closings, indent, count);
  let row = from;
  while (row < count && (memo[row] ?? -1) < 0 && (isBlank(layout, row) || indentAt(layout, row) > indent)) row++;
  const found = row >= count ? count : (memo[row] ?? -1) >= 0 ? (memo[row] ?? count) : row;
  memo.fill(found, from, Math.min(row + 1, count));
  return found;
}

/**
 * The nearest row at or above `from` that can head a block at `level`: indented less, and no blank,
 * continuation or comment line (a doc comment's ` * ` lines sit one column in); -1 when there is none.
 */
function headerAbove(layout: Layout, from: number, level: number): number {
  if (from < 0) return -1;
  const memo = memoFor(layout.headers, level, layout.lines.length);
  const { lines } = layout;
  let row = from;
  while (row >= 0 && memo[row] === -1 && (isBlank(layout, row) || indentAt(layout, row) >= level || isContinuation(lines[row]) || isCommentLine(lines[row]))) row--;
  // -2 marks "none above" in the memo, apart from -1, "not yet known".
  const known = row < 0 ? -2 : (memo[row] ?? -1);
  const found = known === -1 ? row : known;
  memo.fill(found, Math.max(row, 0), from + 1);
  return found === -2 ? -1 : found;
}

/** Up from a header line to where its statement starts (a multi-line signature), with annotations, attributes, decorators and doc comments above it. */
function headerStart(layout: Layout, row: number): number {
  const indent = indentAt(layout, row);
  let start = row;
  while (start > 0 && (isContinuation(layout.lines[start]) || indentAt(layout, start - 1) > indent) && !isBlank(layout, start - 1)) start--;
  // Annotations, attributes, decorators and doc comments belong to the declaration.
  while (start > 0 && indentAt(layout, start - 1) >= indent && /^\s*(?:@|\[|#|\/\/|\/\*|\*)/.test(layout.lines[start - 1] ?? "")) start--;
  return start;
}

/** Down from a header line to the line that opens its body (`{`, Python's `:`), for signatures over several lines and braces on their own line. */
function headerEnd(lines: string[], row: number, before: number): number {
  for (let end = row; end < Math.min(before, row + 20); end++) if (/[{:]\s*$/.test(lines[end] ?? "")) return end;
  return row;
}

/** A line that continues a statement begun above (`) {`, `: Base`, `.call()`), not one that begins one. */
function isContinuation(line: string | undefined): boolean {
  return /^\s*(?:[{}).,:?+\-*/&|=>]|(?:extends|implements|where|throws|else|elif|except|finally|catch)\b)/.test(line ?? "");
}

function contiguous(rows: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const row of rows) {
    const run = runs[runs.length - 1];
    if (run && row === run[1] + 1) run[1] = row;
    else runs.push([row, row]);
  }
  return runs;
}

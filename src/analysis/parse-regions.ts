// Parses only the parts of a large file that the change touches. Parsing is
// the costliest step of the analysis (a 100 KB test file takes tens of
// milliseconds), yet a change's enclosing declarations all sit inside the
// top-level statements around its hunks. So for large files each cluster of
// hunks is parsed from the top-level statement before it to the one after it.
// Top-level starts are found by layout (a line at column 0 that starts a
// statement); when that guess leads to a parse with errors, the whole file is
// parsed instead, so a wrong guess costs time, not correctness.

import type Parser from "tree-sitter";

import { type LanguageName, parseText } from "./languages.js";
import { parseNestedRegions } from "./parse-nested-regions.js";

/**
 * Below this size a TypeScript or JavaScript file is parsed whole: its corpus parses two fifths less
 * text cut from 8 KB, finding the same declarations and findings, except where the whole parse has
 * errors (one hono file's generic arrow `<T>(…): T => {…}` misread as a type assertion, which its cut reads right).
 */
export const REGION_PARSE_MIN_CHARS = 8_000;
/**
 * Grammars that parse slowly (Kotlin, Java, C#) gain from cutting files of any size (a cut that
 * does not pay costs a few line scans), and their corpora find the same declarations and findings
 * that way.
 */
const SMALLER_CUTS_FROM = 0;
const KEEPS_LARGE_CUTS: ReadonlySet<LanguageName> = new Set(["typescript", "tsx", "javascript"]);

/** The size from which a file of this language is parsed only around its change. */
export function regionParseMinChars(language: LanguageName): number {
  return KEEPS_LARGE_CUTS.has(language) ? REGION_PARSE_MIN_CHARS : SMALLER_CUTS_FROM;
}
/** Parse the whole file anyway when the regions would cover more than this share of it. */
const REGION_MAX_SHARE = 0.6;
/** A line that attaches to the declaration below it: a comment, a decorator, an annotation, an attribute. */
const ATTACHED_ABOVE = /^\s*(?:@|\[|#|\/\/|\/\*|\*)/;

export interface ParsedRegion {
  /** 0-based rows of the file covered by this tree, [startRow, endRow). */
  startRow: number;
  endRow: number;
  root: Parser.SyntaxNode;
}

/**
 * Trees covering every row in `spans` (0-based, inclusive pairs): one tree for
 * the whole file, or one per cluster of spans for large files.
 */
export function parseRegions(
  language: LanguageName,
  text: string,
  lines: string[],
  spans: [number, number][],
  minChars = regionParseMinChars(language),
): ParsedRegion[] {
  const whole = (): ParsedRegion[] => [{ startRow: 0, endRow: lines.length, root: parseText(language, text).rootNode }];
  if (text.length < minChars || spans.length === 0) return whole();

  // A file that is one big type: parse the members the change touches, inside their enclosing headers.
  const nested = (): ParsedRegion[] => {
    const root = parseNestedRegions(language, text, lines, spans);
    return root ? [{ startRow: 0, endRow: lines.length, root }] : whole();
  };
  const regions = mergeRegions(spans.map(([first, last]) => [statementStartAtOrBefore(lines, first), statementStartAfter(lines, last)]));
  const covered = regions.reduce((sum, [start, end]) => sum + end - start, 0);
  if (covered > lines.length * REGION_MAX_SHARE) return nested();
  // The touched members alone may be far fewer rows than the top-level statements around them (a Python class, a `describe`).
  const members = parseNestedRegions(language, text, lines, spans, covered);
  if (members) return [{ startRow: 0, endRow: lines.length, root: members }];

  const parsed: ParsedRegion[] = [];
  for (const [startRow, endRow] of regions) {
    const root = parseText(language, lines.slice(startRow, endRow).join("\n")).rootNode;
    // An error may come from cutting in the wrong place: trust only a clean region, else try the members.
    if (root.hasError) return nested();
    parsed.push({ startRow, endRow, root });
  }
  return parsed;
}

/** Sort and join overlapping or touching [start, end) regions. */
function mergeRegions(regions: [number, number][]): [number, number][] {
  const sorted = [...regions].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function statementStartAtOrBefore(lines: string[], row: number): number {
  for (let r = Math.min(row, lines.length - 1); r > 0; r--) if (startsTopLevelStatement(lines, r)) return r;
  return 0;
}

function statementStartAfter(lines: string[], row: number): number {
  for (let r = row + 1; r < lines.length; r++) if (startsTopLevelStatement(lines, r)) return r;
  return lines.length;
}

/**
 * `export …`, `describe(…`, `/** …` at column 0, after a blank line or another column-0 line,
 * but never right below a comment, decorator, annotation or attribute: those belong to it.
 */
function startsTopLevelStatement(lines: string[], row: number): boolean {
  const line = lines[row] ?? "";
  if (!/^(?:[A-Za-z_$@]|\/[/*])/.test(line)) return false;
  const previous = lines[row - 1] ?? "";
  if (ATTACHED_ABOVE.test(previous)) return false;
  return previous.trim() === "" || /^\S/.test(previous);
}

// Step 3 of the pipeline: for one changed file, parse the head version with
// tree-sitter and collect the named declarations its hunks touch, with their
// full text, so the model sees whole functions rather than whole files.

import type { FileDiff } from "../core/diff.js";
import { changedPoints } from "../diff/changed-points.js";
import { declarationsAround, type DeclarationSite, innermostSite } from "./find-declarations.js";
import { languageForPath } from "./languages.js";
import { type ParsedRegion, parseRegions } from "./parse-regions.js";
import type { FileAnalysis, TouchedDeclaration } from "./types.js";

/** Declarations longer than this are trimmed to the region around the change. */
export const DECLARATION_LINE_CAP = 200;
/** Lines kept above the first and below the last change when trimming. */
const TRIM_MARGIN = 20;

export function analyzeFile(diff: FileDiff, headText: string | null): FileAnalysis {
  return analyzeFileTrees(diff, headText).analysis;
}

/** The analysis plus the syntax trees it parsed (every hunk's rows), for the rule packs to reuse. */
export function analyzeFileTrees(diff: FileDiff, headText: string | null): { analysis: FileAnalysis; regions: ParsedRegion[] } {
  const base = { path: diff.path, diff, declarations: [], hasSyntaxErrors: false };
  const language = languageForPath(diff.path);
  if (!language) {
    return { analysis: { ...base, language: null, contextNote: `no syntax support for ${fileKind(diff.path)}; reviewed on the diff alone` }, regions: [] };
  }
  if (headText === null) {
    return {
      analysis: { ...base, language: null, contextNote: "the new version of the file could not be read; reviewed on the diff alone" },
      regions: [],
    };
  }

  const lines = headText.split("\n");
  let regions: ParsedRegion[];
  try {
    // Rows around each hunk, one more on each side for deletion points.
    const spans = diff.hunks.map((hunk): [number, number] => [Math.max(0, hunk.newStart - 2), hunk.newStart + hunk.newLines]);
    regions = parseRegions(language, headText, lines, spans);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { analysis: { ...base, language, contextNote: `tree-sitter could not parse the file (${reason}); reviewed on the diff alone` }, regions: [] };
  }

  const touched = new Map<string, { site: DeclarationSite; changed: number[] }>();
  const touch = (site: DeclarationSite | undefined, line: number): void => {
    if (!site) return;
    const key = `${site.startLine}:${site.endLine}:${site.name}`;
    const entry = touched.get(key);
    if (entry) entry.changed.push(line);
    else touched.set(key, { site, changed: [line] });
  };

  for (const hunk of diff.hunks) {
    const { added, deletions } = changedPoints(hunk);
    // Deletions at the very start or end of the file sit at the top level.
    const inside = deletions.filter(({ before, after }) => before >= 1 && after <= lines.length);
    const touchedLines = [...added, ...inside.flatMap(({ before, after }) => [before, after])];
    if (touchedLines.length === 0) continue;
    const first = Math.min(...touchedLines);
    const last = Math.max(...touchedLines);
    const region = regions.find((candidate) => candidate.startRow <= first - 1 && last - 1 < candidate.endRow);
    if (!region) continue;
    const sites = declarationsAround(region.root, first - 1, last - 1, region.startRow);
    for (const line of added) touch(innermostSite(sites, line), line);
    // Only a declaration that spans the gap on both sides enclosed the deleted lines.
    for (const { before, after } of inside) touch(innermostSite(sites, before, after), before);
  }

  const declarations = [...touched.values()]
    .sort((a, b) => a.site.startLine - b.site.startLine || b.site.endLine - a.site.endLine)
    .map(({ site, changed }) => toTouchedDeclaration(site, changed, lines));
  return { analysis: { ...base, language, declarations, hasSyntaxErrors: regions.some((region) => region.root.hasError) }, regions };
}

function toTouchedDeclaration(site: DeclarationSite, changed: number[], lines: string[]): TouchedDeclaration {
  const { name, kind, startLine, endLine } = site;
  const span = endLine - startLine + 1;
  if (span <= DECLARATION_LINE_CAP) {
    return { name, kind, startLine, endLine, text: sliceLines(lines, startLine, endLine), truncated: false };
  }
  // Keep the signature line and a window around the change; say what was left out.
  const first = Math.min(...changed);
  const last = Math.max(...changed);
  const room = DECLARATION_LINE_CAP - 1;
  let from = Math.max(startLine + 1, first - TRIM_MARGIN);
  let to = Math.min(endLine, Math.max(last + TRIM_MARGIN, from + room - 1));
  if (to - from + 1 > room) to = from + room - 1;
  if (to === endLine) from = Math.max(startLine + 1, Math.min(from, endLine - room + 1));
  const parts = [sliceLines(lines, startLine, startLine)];
  if (from > startLine + 1) parts.push(`// … lines ${startLine + 1}-${from - 1} omitted`);
  parts.push(sliceLines(lines, from, to));
  if (to < endLine) parts.push(`// … lines ${to + 1}-${endLine} omitted`);
  return { name, kind, startLine, endLine, text: parts.join("\n"), truncated: true };
}

/** Lines `from`..`to` (1-based, inclusive), without CRLF's carriage returns. */
function sliceLines(lines: string[], from: number, to: number): string {
  const text = lines.slice(from - 1, to).join("\n");
  return text.includes("\r") ? text.replace(/\r$/gm, "") : text;
}

function fileKind(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(dot)} files` : `files like ${name}`;
}

// Step 3 of the pipeline: for one changed file, parse the head version with
// tree-sitter and collect the named declarations its hunks touch, with their
// full text, so the model sees whole functions rather than whole files.

import type { FileDiff } from "../core/diff.js";
import { changedPoints } from "../diff/changed-points.js";
import { declarationsAround, type DeclarationSite, innermostSite } from "./find-declarations.js";
import { unparsedSiteAt } from "./find-unparsed-site.js";
import { isTestPath, languageForPath } from "./languages.js";
import type { LanguageName } from "./languages/language-names.js";
import { type ParsedRegion, parseRegions, regionParseMinChars } from "./parse-regions.js";
import { trimDeclaration } from "./trim-declaration.js";
import type { FileAnalysis } from "./types.js";

export function analyzeFile(diff: FileDiff, headText: string | null): FileAnalysis {
  return analyzeFileTrees(diff, headText).analysis;
}

/**
 * The analysis plus the syntax trees it parsed (every hunk's rows), for the rule packs to reuse.
 * `regionMinChars` is the size from which only regions are parsed (the language's own by default; Infinity parses whole, for comparison).
 */
export function analyzeFileTrees(
  diff: FileDiff,
  headText: string | null,
  regionMinChars?: number,
): { analysis: FileAnalysis; regions: ParsedRegion[] } {
  const base = { path: diff.path, diff, isTest: isTestPath(diff.path), declarations: [], hasSyntaxErrors: false };
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
    regions = parseRegions(language, headText, lines, spans, regionMinChars ?? regionParseMinChars(language));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { analysis: { ...base, language, contextNote: `tree-sitter could not parse the file (${reason}); reviewed on the diff alone` }, regions: [] };
  }

  const declarations = touchedSites(language, diff, lines, regions).map(({ site, changed }) => {
    const { name, kind, startLine, endLine, exported } = site;
    return { name, kind, startLine, endLine, ...trimDeclaration(site, changed, lines), exported };
  });
  const hasSyntaxErrors = regions.some((region) => region.root.hasError);
  return { analysis: { ...base, language, declarations, hasSyntaxErrors }, regions };
}

/** The innermost declaration of every changed line (or, where the grammar failed, the nearest part that parsed), with its changed lines. */
function touchedSites(language: LanguageName, diff: FileDiff, lines: string[], regions: ParsedRegion[]): { site: DeclarationSite; changed: number[] }[] {
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
    const sites = declarationsAround(language, region.root, first - 1, last - 1, region.startRow, lines);
    const fallback = (line: number): DeclarationSite | undefined =>
      region.root.hasError ? unparsedSiteAt(region.root, line - 1 - region.startRow, indentOf(lines[line - 1] ?? ""), region.startRow) : undefined;
    for (const line of added) touch(innermostSite(sites, line) ?? fallback(line), line);
    // Only a declaration that spans the gap on both sides enclosed the deleted lines.
    for (const { before, after } of inside) touch(innermostSite(sites, before, after), before);
  }
  return [...touched.values()].sort((a, b) => a.site.startLine - b.site.startLine || b.site.endLine - a.site.endLine);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function fileKind(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(dot)} files` : `files like ${name}`;
}

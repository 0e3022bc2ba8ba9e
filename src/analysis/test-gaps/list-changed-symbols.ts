// The symbols a test-gap report is about: the exported functions, methods and
// classes (structs, records, objects) that a change adds or alters, that is,
// declarations the analysis found touched, exported, with added lines inside.
// Read from the head version of a non-test file, with the line of the name
// and, for members, the declaration around them (a test must name both).

import type Parser from "tree-sitter";

import { declarationsAround, type DeclarationSite } from "../find-declarations.js";
import type { LanguageName } from "../languages/language-names.js";
import type { DeclarationKind, FileAnalysis } from "../types.js";

export interface ChangedSymbol {
  name: string;
  kind: DeclarationKind;
  startLine: number;
  endLine: number;
  nameLine: number;
  changedLines: number;
  /** The class, struct or object a member belongs to, which a test must name too. */
  container: string | null;
}

const TESTABLE: ReadonlySet<DeclarationKind> = new Set(["function", "method", "constructor", "class", "arrow", "function-expression", "record", "struct", "object", "lambda"]);
const LOCAL_SCOPES: ReadonlySet<DeclarationKind> = new Set(["function", "method", "constructor", "lambda", "arrow", "function-expression"]);

function addedLinesOf(analysis: FileAnalysis): number[] {
  return analysis.diff.hunks.flatMap((hunk) => hunk.lines.flatMap((line) => (line.kind === "add" && line.newLine !== undefined ? [line.newLine] : [])));
}

/** `module.exports.handler` and `exports.handler` are named `handler`. */
const bareName = (language: LanguageName, name: string): string => (language === "go" ? name : name.replace(/^(?:module\.)?exports\./, ""));

/** The innermost declaration strictly around `site` that is not a function body. */
function containerOf(site: DeclarationSite, sites: DeclarationSite[]): string | null {
  let best: DeclarationSite | null = null;
  for (const outer of sites) {
    const encloses = outer.startLine <= site.startLine && outer.endLine >= site.endLine && (outer.startLine !== site.startLine || outer.endLine !== site.endLine);
    if (!encloses || LOCAL_SCOPES.has(outer.kind)) continue;
    if (!best || outer.endLine - outer.startLine < best.endLine - best.startLine) best = outer;
  }
  return best?.name ?? null;
}

export function listChangedSymbols(analysis: FileAnalysis, language: LanguageName, root: Parser.SyntaxNode): ChangedSymbol[] {
  const added = addedLinesOf(analysis);
  const symbols: ChangedSymbol[] = [];
  for (const declaration of analysis.declarations) {
    if (!declaration.exported || !TESTABLE.has(declaration.kind)) continue;
    const changedLines = added.filter((line) => line >= declaration.startLine && line <= declaration.endLine).length;
    if (changedLines === 0) continue;
    const sites = declarationsAround(language, root, declaration.startLine - 1, declaration.startLine - 1);
    const site = sites.find((found) => found.startLine === declaration.startLine && found.endLine === declaration.endLine && found.name === declaration.name);
    symbols.push({
      name: bareName(language, declaration.name),
      kind: declaration.kind,
      startLine: declaration.startLine,
      endLine: declaration.endLine,
      nameLine: site?.nameLine ?? declaration.startLine,
      changedLines,
      container: site && language !== "go" ? containerOf(site, sites) : null,
    });
  }
  return symbols;
}

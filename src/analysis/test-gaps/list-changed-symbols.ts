// The symbols a test-gap report is about: the exported functions, methods and
// classes (structs, records, objects) that a change adds or alters, that is,
// declarations the analysis found touched, exported, with added lines inside.
// Read from the head version of a non-test file, with the line of the name
// and, for members, the declaration around them (a test must name both).

import type Parser from "tree-sitter";

import { addedLineNumbers } from "../../diff/added-line-numbers.js";
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
  /** The class, struct or object a member belongs to. */
  container: string | null;
  /** It and the declarations around it: a test must name one of them too (`MethodSpec.methodBuilder().setName()` names the builder's outer class). */
  containers: string[];
}

const TESTABLE: ReadonlySet<DeclarationKind> = new Set(["function", "method", "constructor", "class", "arrow", "function-expression", "record", "struct", "object", "lambda"]);
const LOCAL_SCOPES: ReadonlySet<DeclarationKind> = new Set(["function", "method", "constructor", "lambda", "arrow", "function-expression"]);

/** `module.exports.handler` and `exports.handler` are named `handler`. */
const bareName = (language: LanguageName, name: string): string => (language === "go" ? name : name.replace(/^(?:module\.)?exports\./, ""));

/** The declarations strictly around `site` that are not function bodies, innermost first. */
function containersOf(site: DeclarationSite, sites: DeclarationSite[]): string[] {
  const encloses = (outer: DeclarationSite): boolean =>
    outer.startLine <= site.startLine && outer.endLine >= site.endLine && (outer.startLine !== site.startLine || outer.endLine !== site.endLine);
  return sites
    // A Kotlin companion's members are called on the class: `JsonReader.of(…)`.
    .filter((outer) => encloses(outer) && !LOCAL_SCOPES.has(outer.kind) && !(outer.kind === "object" && outer.name === "companion"))
    .sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine))
    .map((outer) => outer.name);
}

export function listChangedSymbols(analysis: FileAnalysis, language: LanguageName, root: Parser.SyntaxNode): ChangedSymbol[] {
  const added = addedLineNumbers(analysis.diff);
  const symbols: ChangedSymbol[] = [];
  for (const declaration of analysis.declarations) {
    if (!declaration.exported || !TESTABLE.has(declaration.kind)) continue;
    const changedLines = added.filter((line) => line >= declaration.startLine && line <= declaration.endLine).length;
    if (changedLines === 0) continue;
    const sites = declarationsAround(language, root, declaration.startLine - 1, declaration.startLine - 1);
    const site = sites.find((found) => found.startLine === declaration.startLine && found.endLine === declaration.endLine && found.name === declaration.name);
    const containers = site && language !== "go" ? containersOf(site, sites) : [];
    symbols.push({
      name: bareName(language, declaration.name),
      kind: declaration.kind,
      startLine: declaration.startLine,
      endLine: declaration.endLine,
      nameLine: site?.nameLine ?? declaration.startLine,
      changedLines,
      container: containers[0] ?? null,
      containers,
    });
  }
  return symbols;
}

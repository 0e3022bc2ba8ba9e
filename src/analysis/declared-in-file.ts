// The `declaredInFile` condition of a rule: a capture of the match must name
// something the rule's declaration query finds in the same file (an
// un-awaited call of an `async` function declared there). A query alone sees
// only one place; this relates a use to a declaration elsewhere in the file.
// Only the lines the condition's `lineHint` picks out are searched (and, in a
// large file, parsed), so a common call costs a line scan, not a parse.

import Parser from "tree-sitter";

import { type LanguageName, parserFor } from "./languages.js";
import { type ParsedRegion, parseRegions } from "./parse-regions.js";
import type { Rule } from "./rule-pack.js";

type Condition = NonNullable<Rule["declaredInFile"]>;

/** One file's text and trees, and the answers already found for it. */
export interface DeclarationScope {
  language: LanguageName;
  text: string;
  /** The text's lines, split on first need. */
  lines?: string[];
  regions: ParsedRegion[];
  answers: Map<Condition, Map<string, boolean>>;
}

const queries = new WeakMap<Condition, Map<LanguageName, Parser.Query>>();

/** Compiles the condition's declaration query (throws the tree-sitter error when it does not compile). */
export function compileDeclarationQuery(condition: Condition, language: LanguageName): Parser.Query {
  let byLanguage = queries.get(condition);
  if (!byLanguage) queries.set(condition, (byLanguage = new Map()));
  let query = byLanguage.get(language);
  if (!query) {
    query = new Parser.Query(parserFor(language).getLanguage(), condition.query);
    byLanguage.set(language, query);
  }
  return query;
}

/** True when the rule has no such condition, or the match's capture names a declaration of the file. */
export function isDeclaredInFile(rule: Rule, match: Parser.QueryMatch, scope: DeclarationScope): boolean {
  const condition = rule.declaredInFile;
  if (!condition) return true;
  const used = match.captures.find((capture) => capture.name === condition.capture)?.node.text;
  if (used === undefined) return false;
  let answers = scope.answers.get(condition);
  if (!answers) scope.answers.set(condition, (answers = new Map()));
  let answer = answers.get(used);
  if (answer === undefined) answers.set(used, (answer = declares(condition, used, scope)));
  return answer;
}

function declares(condition: Condition, name: string, scope: DeclarationScope): boolean {
  const lines = (scope.lines ??= scope.text.split("\n"));
  const rows = hintedRows(condition, name, lines);
  if (rows.length === 0) return false;
  const spans: [number, number][] = rows.map((row) => [row, row]);
  // The trees parsed around the change often hold the whole file; a large file is parsed around the hinted lines.
  const whole = scope.regions.find((region) => region.startRow === 0 && region.endRow >= lines.length);
  const regions = whole ? [whole] : parseRegions(scope.language, scope.text, lines, spans);
  const query = compileDeclarationQuery(condition, scope.language);
  for (const { root, startRow, endRow } of regions) {
    for (const [row] of spans) {
      if (row < startRow || row >= endRow) continue;
      const range = { startPosition: { row: row - startRow, column: 0 }, endPosition: { row: row - startRow + 1, column: 0 } };
      for (const capture of query.captures(root, range)) {
        if (capture.name === "name" && capture.node.text === name && capture.node.startPosition.row === row - startRow) return true;
      }
    }
  }
  return false;
}

/** 0-based rows whose text matches the hint with the name filled in; every row when the condition has no hint. */
function hintedRows(condition: Condition, name: string, lines: string[]): number[] {
  const rows: number[] = [];
  if (!condition.lineHint) {
    for (let row = 0; row < lines.length; row += 1) if (lines[row]?.includes(name)) rows.push(row);
    return rows;
  }
  const hint = new RegExp(condition.lineHint.replaceAll("{name}", escapeRegExp(name)));
  for (let row = 0; row < lines.length; row += 1) if (hint.test(lines[row] ?? "")) rows.push(row);
  return rows;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

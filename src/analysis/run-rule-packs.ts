// Runs the rule packs' tree-sitter queries over the head version of changed
// files. Deterministic findings, reported only where they start on an added
// line, so old code is not re-litigated in every pull request; so only the
// added rows are queried, and large files are parsed only around them.

import Parser from "tree-sitter";

import type { ProposedComment } from "../core/comments.js";
import { compileDeclarationQuery, type DeclarationScope, isDeclaredInFile } from "./declared-in-file.js";
import { type LanguageName, parserFor } from "./languages.js";
import { type ParsedRegion, parseRegions } from "./parse-regions.js";
import { ruleApplies } from "./rule-applies.js";
import type { Rule, RulePack } from "./rule-pack.js";

export interface RuleTarget {
  path: string;
  language: LanguageName;
  headText: string;
  /** New-side line numbers of added lines (1-based). */
  addedLines: ReadonlySet<number>;
  /** Trees the analysis already parsed, covering every added row; parsed here when absent. */
  regions?: ParsedRegion[];
}

/** One query per pack and language holding every rule's patterns, so each added span is searched once. */
interface CompiledPack {
  query: Parser.Query;
  /** The rule each pattern of the combined query belongs to, by pattern index. */
  ruleOfPattern: Rule[];
}

const compiled = new WeakMap<RulePack, Map<LanguageName, CompiledPack>>();
/** Combined queries by their text, the oldest forgotten first (custom packs differ per repository). */
const compiledQueries = new Map<string, { query: Parser.Query; ruleIndexOfPattern: number[] }>();
const COMPILED_QUERIES_KEPT = 200;

export function runRulePacks(packs: RulePack[], targets: RuleTarget[]): ProposedComment[] {
  const findings: ProposedComment[] = [];
  for (const target of targets) {
    const applicable = packs.filter((pack) => pack.languages.includes(target.language));
    if (target.addedLines.size === 0 || applicable.length === 0) continue;
    const spans = addedSpans(target.addedLines);
    // Large files: only the top-level statements around the added lines are parsed, as in the analysis.
    const regions = target.regions ?? parseRegions(target.language, target.headText, target.headText.split("\n"), spans);
    for (const pack of applicable) findings.push(...runPack(pack, target, regions, spans));
  }
  return findings;
}

/** One pack's findings on one file, in rule order, at most one per rule and line. */
function runPack(pack: RulePack, target: RuleTarget, regions: ParsedRegion[], spans: [number, number][]): ProposedComment[] {
  const { query, ruleOfPattern } = compiledFor(pack, target.language);
  const scope: DeclarationScope = { language: target.language, text: target.headText, regions, answers: new Map() };
  const linesByRule = new Map<Rule, Set<number>>();
  for (const { root, startRow, endRow } of regions) {
    for (const [first, last] of spans) {
      if (last < startRow || first >= endRow) continue;
      // Only matches that start on these rows can start on an added line.
      const range = { startPosition: { row: first - startRow, column: 0 }, endPosition: { row: last - startRow + 1, column: 0 } };
      for (const match of query.matches(root, range)) {
        const rule = ruleOfPattern[match.pattern];
        const node = match.captures.find((capture) => capture.name === "match")?.node;
        if (!rule || !node) continue;
        const line = startRow + node.startPosition.row + 1;
        if (!target.addedLines.has(line) || !ruleApplies(rule, target.path, target.language)) continue;
        if (!isDeclaredInFile(rule, match, scope)) continue;
        let lines = linesByRule.get(rule);
        if (!lines) linesByRule.set(rule, (lines = new Set()));
        lines.add(line);
      }
    }
  }
  return pack.rules.flatMap((rule) =>
    [...(linesByRule.get(rule) ?? [])]
      .sort((a, b) => a - b)
      .map((line): ProposedComment => ({
        path: target.path,
        line,
        side: "RIGHT",
        severity: rule.severity,
        category: rule.category,
        body: rule.message,
        source: `rule:${rule.id}`,
      })),
  );
}

/** Runs of consecutive added lines as 0-based, inclusive row pairs. */
function addedSpans(addedLines: ReadonlySet<number>): [number, number][] {
  const rows = [...addedLines].map((line) => line - 1).sort((a, b) => a - b);
  const spans: [number, number][] = [];
  for (const row of rows) {
    const last = spans[spans.length - 1];
    if (last && row === last[1] + 1) last[1] = row;
    else spans.push([row, row]);
  }
  return spans;
}

function compiledFor(pack: RulePack, language: LanguageName): CompiledPack {
  let byLanguage = compiled.get(pack);
  if (!byLanguage) compiled.set(pack, (byLanguage = new Map()));
  let entry = byLanguage.get(language);
  if (!entry) {
    const rules = pack.rules.filter((rule) => !rule.languages || rule.languages.includes(language));
    const { query, ruleIndexOfPattern } = compiledQueryOf(pack, rules, language);
    entry = { query, ruleOfPattern: ruleIndexOfPattern.map((index) => rules[index] as Rule) };
    byLanguage.set(language, entry);
  }
  return entry;
}

/**
 * The combined query of these rules, shared by every pack with the same queries: a repository's
 * settings make new pack objects (rules off, severities changed) in every review, and compiling
 * a pack's queries costs far more than running them.
 */
function compiledQueryOf(pack: RulePack, rules: Rule[], language: LanguageName): { query: Parser.Query; ruleIndexOfPattern: number[] } {
  const key = [language, ...rules.flatMap((rule) => [rule.query, rule.declaredInFile?.query ?? ""])].join("\0");
  let entry = compiledQueries.get(key);
  if (entry) return entry;
  const grammar = parserFor(language).getLanguage();
  const ruleIndexOfPattern: number[] = [];
  for (const [index, rule] of rules.entries()) {
    // Compiled alone first, so a broken query is named by its rule.
    const patterns = compileQuery(pack, rule, grammar, language).predicates.length;
    for (let pattern = 0; pattern < patterns; pattern += 1) ruleIndexOfPattern.push(index);
  }
  entry = { query: new Parser.Query(grammar, rules.map((rule) => rule.query).join("\n")), ruleIndexOfPattern };
  if (compiledQueries.size >= COMPILED_QUERIES_KEPT) compiledQueries.delete(compiledQueries.keys().next().value as string);
  compiledQueries.set(key, entry);
  return entry;
}

function compileQuery(pack: RulePack, rule: Rule, grammar: ReturnType<Parser["getLanguage"]>, language: LanguageName): Parser.Query {
  try {
    if (rule.declaredInFile) compileDeclarationQuery(rule.declaredInFile, language);
    return new Parser.Query(grammar, rule.query);
  } catch (error) {
    throw new Error(`Rule ${pack.pack}/${rule.id} has an invalid query for ${language}: ${(error as Error).message}`);
  }
}

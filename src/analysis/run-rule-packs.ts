// Runs the rule packs' tree-sitter queries over the head version of changed
// files. Deterministic findings, reported only where they start on an added
// line, so old code is not re-litigated in every pull request; so only the
// added rows are queried, and large files are parsed only around them.

import Parser from "tree-sitter";

import type { ProposedComment } from "../core/comments.js";
import { type LanguageName, parserFor } from "./languages.js";
import { type ParsedRegion, parseRegions } from "./parse-regions.js";
import { ruleApplies } from "./rule-applies.js";
import type { RulePack } from "./rule-pack.js";

export interface RuleTarget {
  path: string;
  language: LanguageName;
  headText: string;
  /** New-side line numbers of added lines (1-based). */
  addedLines: ReadonlySet<number>;
  /** Trees the analysis already parsed, covering every added row; parsed here when absent. */
  regions?: ParsedRegion[];
}

const compiled = new WeakMap<RulePack, Map<string, Parser.Query>>();

export function runRulePacks(packs: RulePack[], targets: RuleTarget[]): ProposedComment[] {
  const findings: ProposedComment[] = [];
  for (const target of targets) {
    const applicable = packs.filter((pack) => pack.languages.includes(target.language));
    if (target.addedLines.size === 0 || applicable.length === 0) continue;
    const spans = addedSpans(target.addedLines);
    // Large files: only the top-level statements around the added lines are parsed, as in the analysis.
    const regions = target.regions ?? parseRegions(target.language, target.headText, target.headText.split("\n"), spans);
    for (const pack of applicable) {
      for (const rule of pack.rules) {
        if (!ruleApplies(rule, target.path, target.language)) continue;
        const query = queryFor(pack, rule.id, rule.query, target.language);
        const seen = new Set<number>();
        for (const { root, startRow, endRow } of regions) {
          for (const [first, last] of spans) {
            if (last < startRow || first >= endRow) continue;
            // Only matches that start on these rows can start on an added line.
            const range = { startPosition: { row: first - startRow, column: 0 }, endPosition: { row: last - startRow + 1, column: 0 } };
            for (const match of query.matches(root, range)) {
              const node = match.captures.find((capture) => capture.name === "match")?.node;
              if (!node) continue;
              const line = startRow + node.startPosition.row + 1;
              if (!target.addedLines.has(line) || seen.has(line)) continue;
              seen.add(line);
              findings.push({
                path: target.path,
                line,
                side: "RIGHT",
                severity: rule.severity,
                category: rule.category,
                body: rule.message,
                source: `rule:${rule.id}`,
              });
            }
          }
        }
      }
    }
  }
  return findings;
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

function queryFor(pack: RulePack, ruleId: string, source: string, language: LanguageName): Parser.Query {
  let byKey = compiled.get(pack);
  if (!byKey) compiled.set(pack, (byKey = new Map()));
  const key = `${language}:${ruleId}`;
  let query = byKey.get(key);
  if (!query) {
    try {
      query = new Parser.Query(parserFor(language).getLanguage(), source);
    } catch (error) {
      throw new Error(`Rule ${pack.pack}/${ruleId} has an invalid query for ${language}: ${(error as Error).message}`);
    }
    byKey.set(key, query);
  }
  return query;
}

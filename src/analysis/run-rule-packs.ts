// Runs the rule packs' tree-sitter queries over the head version of changed
// files. Deterministic findings, reported only where they start on an added
// line, so old code is not re-litigated in every pull request.

import Parser from "tree-sitter";
import type { ProposedComment } from "../review/types.js";
import { parseText, parserFor, type LanguageName } from "./languages.js";
import type { RulePack } from "./rule-pack.js";

export interface RuleTarget {
  path: string;
  language: LanguageName;
  headText: string;
  /** New-side line numbers of added lines (1-based). */
  addedLines: ReadonlySet<number>;
}

const compiled = new WeakMap<RulePack, Map<string, Parser.Query>>();

export function runRulePacks(packs: RulePack[], targets: RuleTarget[]): ProposedComment[] {
  const findings: ProposedComment[] = [];
  for (const target of targets) {
    if (target.addedLines.size === 0) continue;
    let tree: Parser.Tree | undefined;
    for (const pack of packs) {
      if (!pack.languages.includes(target.language)) continue;
      tree ??= parseText(target.language, target.headText);
      for (const rule of pack.rules) {
        const query = queryFor(pack, rule.id, rule.query, target.language);
        const seen = new Set<number>();
        for (const match of query.matches(tree.rootNode)) {
          const node = match.captures.find((capture) => capture.name === "match")?.node;
          if (!node) continue;
          const line = node.startPosition.row + 1;
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
  return findings;
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

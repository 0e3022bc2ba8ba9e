// The repository's `rules` settings applied to the packs it runs: disabled
// packs and rules left out, severities replaced. An id that names no rule or
// pack is said in the config problem the review reports, with the nearest id.

import { closestKey } from "../config/describe-config-problem.js";
import type { RuleOptions } from "../config/rule-options.js";
import type { RulePack } from "./rule-pack.js";

export interface SettledRulePacks {
  packs: RulePack[];
  /** `rules.disable: no rule or pack "x" (did you mean y?)`, one per unknown id. */
  problems: string[];
}

/** New pack objects; the packs given are not changed (the shipped ones are shared by every review). */
export function applyRuleSettings(packs: RulePack[], settings: Omit<RuleOptions, "custom">): SettledRulePacks {
  const ruleIds = [...new Set(packs.flatMap((pack) => pack.rules.map((rule) => rule.id)))];
  const packNames = [...new Set(packs.map((pack) => pack.pack))];
  const problems = [
    ...settings.disable.filter((id) => !ruleIds.includes(id) && !packNames.includes(id)).map((id) => unknown("rules.disable", "rule or pack", id, [...ruleIds, ...packNames])),
    ...Object.keys(settings.severity).filter((id) => !ruleIds.includes(id)).map((id) => unknown("rules.severity", "rule", id, ruleIds)),
  ];
  const off = new Set(settings.disable);
  const settled = packs
    .filter((pack) => !off.has(pack.pack))
    .map((pack) => ({
      ...pack,
      rules: pack.rules.filter((rule) => !off.has(rule.id)).map((rule) => ({ ...rule, severity: settings.severity[rule.id] ?? rule.severity })),
    }))
    .filter((pack) => pack.rules.length > 0);
  return { packs: settled, problems };
}

function unknown(key: string, what: string, id: string, known: string[]): string {
  const meant = closestKey(id, known);
  return `${key}: no ${what} "${id}"${meant ? ` (did you mean ${meant}?)` : ""}`;
}

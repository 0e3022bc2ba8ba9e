// Whether a rule runs on a file: its own language subset and its path globs.

import picomatch from "picomatch";

import type { LanguageName } from "./languages.js";
import type { Rule } from "./rule-pack.js";

interface PathFilter {
  include: ((path: string) => boolean) | null;
  exclude: ((path: string) => boolean) | null;
}

const filters = new WeakMap<Rule, PathFilter>();

/** True when the rule applies to this file (the pack's languages are checked by the caller). */
export function ruleApplies(rule: Rule, path: string, language: LanguageName): boolean {
  if (rule.languages && !rule.languages.includes(language)) return false;
  let filter = filters.get(rule);
  if (!filter) {
    filter = {
      include: rule.paths ? picomatch(rule.paths, { dot: true }) : null,
      exclude: rule.excludePaths ? picomatch(rule.excludePaths, { dot: true }) : null,
    };
    filters.set(rule, filter);
  }
  if (filter.include && !filter.include(path)) return false;
  return !filter.exclude?.(path);
}

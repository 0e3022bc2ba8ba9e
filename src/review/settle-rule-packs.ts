// The rule packs one review runs: the shipped packs, the repository's own
// (when its config turns them on), then its `rules` settings. What went
// wrong is said in two places: unknown ids in the settings join the config
// problem; custom files or rules left out are the rule problems.

import { applyRuleSettings } from "../analysis/apply-rule-settings.js";
import { parseCustomRulePacks } from "../analysis/parse-custom-rule-packs.js";
import type { RulePack } from "../analysis/rule-pack.js";
import { REPO_CONFIG_PATH } from "../config/repo-config.js";
import type { ReviewSnapshot } from "./types.js";

export interface SettledRules {
  packs: RulePack[];
  /** The snapshot's config problem with the settings' unknown ids added; undefined when there is none. */
  configError: string | undefined;
  ruleProblems: string[];
}

export function settleRulePacks(shipped: RulePack[], snapshot: Pick<ReviewSnapshot, "config" | "configError" | "customRules">): SettledRules {
  const custom = snapshot.customRules ? parseCustomRulePacks(snapshot.customRules.files, shipped) : { packs: [], problems: [] };
  const { packs, problems } = applyRuleSettings([...shipped, ...custom.packs], snapshot.config.rules);
  const configError =
    problems.length === 0 ? snapshot.configError : [snapshot.configError ?? `${REPO_CONFIG_PATH}: ${problems.shift() ?? ""}`, ...problems].join("; ");
  return { packs, configError, ruleProblems: [...(snapshot.customRules?.problems ?? []), ...custom.problems] };
}

// The packs one review runs: shipped plus the repository's own, then its
// settings; unknown ids join the config problem, broken custom rules are the
// rule problems.

import { describe, expect, it } from "vitest";

import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import { settleRulePacks } from "../../src/review/settle-rule-packs.js";

const shipped = loadRulePacks();
const TEAM = "pack: team\nlanguages: [typescript]\nrules:\n  - id: team-debugger\n    severity: minor\n    category: bug\n    message: m\n    query: (debugger_statement) @match\n";

function ids(packs: ReturnType<typeof settleRulePacks>["packs"]): string[] {
  return packs.flatMap((pack) => pack.rules.map((rule) => `${rule.id}:${rule.severity}`));
}

describe("settleRulePacks", () => {
  it("adds custom packs, applies the settings to them too, and names unknown ids after the config's own problems", () => {
    const settled = settleRulePacks(shipped, {
      config: { ...DEFAULT_REPO_CONFIG, rules: { disable: ["python", "no-such-rule"], severity: { "team-debugger": "critical" }, custom: true } },
      configError: ".github/foureyes.yml: maxComents: unknown key (did you mean maxComments?)",
      customRules: { files: [{ path: ".github/foureyes/rules/team.yml", text: TEAM }], problems: [".github/foureyes/rules/big.yml: 70000 bytes, over the 65536 a rule file may have; not read"] },
    });
    expect(ids(settled.packs)).toContain("team-debugger:critical");
    expect(settled.packs.map((pack) => pack.pack)).not.toContain("python");
    expect(settled.configError).toBe('.github/foureyes.yml: maxComents: unknown key (did you mean maxComments?); rules.disable: no rule or pack "no-such-rule"');
    expect(settled.ruleProblems).toEqual([".github/foureyes/rules/big.yml: 70000 bytes, over the 65536 a rule file may have; not read"]);
  });

  it("says which file an unknown id comes from when the config had no other problem, and changes nothing without settings", () => {
    const unknown = settleRulePacks(shipped, { config: { ...DEFAULT_REPO_CONFIG, rules: { disable: [], severity: { "team-debugger": "nit" }, custom: false } } });
    expect(unknown.configError).toBe('.github/foureyes.yml: rules.severity: no rule "team-debugger"');
    const plain = settleRulePacks(shipped, { config: DEFAULT_REPO_CONFIG });
    expect(plain).toEqual({ packs: shipped.map((pack) => ({ ...pack, rules: pack.rules.map((rule) => ({ ...rule })) })), configError: undefined, ruleProblems: [] });
  });
});

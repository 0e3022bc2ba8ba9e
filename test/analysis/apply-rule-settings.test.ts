// The repository's rule settings applied to the packs: disabled packs and
// rules do not run, overridden severities hold, unknown ids are named.

import { describe, expect, it } from "vitest";

import { applyRuleSettings } from "../../src/analysis/apply-rule-settings.js";
import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import { runRulePacks } from "../../src/analysis/run-rule-packs.js";

const shipped = loadRulePacks();
const text = ["console.log('x');", "// TODO: later", "eval(code);"].join("\n");
const pyText = "try:\n    go()\nexcept:\n    pass\n";

function run(settings: { disable?: string[]; severity?: Record<string, "critical" | "major" | "minor" | "nit"> }) {
  const { packs, problems } = applyRuleSettings(shipped, { disable: settings.disable ?? [], severity: settings.severity ?? {} });
  const ts = runRulePacks(packs, [{ path: "src/a.ts", language: "typescript", headText: text, addedLines: new Set([1, 2, 3]) }]);
  const py = runRulePacks(packs, [{ path: "src/a.py", language: "python", headText: pyText, addedLines: new Set([1, 2, 3, 4]) }]);
  return { findings: [...ts, ...py].map((finding) => `${finding.source}:${finding.severity}`), problems };
}

describe("applyRuleSettings", () => {
  it("runs every shipped rule at its own severity without settings", () => {
    const { findings, problems } = run({});
    expect(findings).toEqual(expect.arrayContaining(["rule:console-log-in-source:minor", "rule:todo-without-ticket:nit", "rule:eval-call:major", "rule:bare-except:minor"]));
    expect(problems).toEqual([]);
  });

  it("drops a disabled rule and a disabled pack, and overrides a severity", () => {
    const { findings, problems } = run({ disable: ["console-log-in-source", "python"], severity: { "todo-without-ticket": "major" } });
    expect(findings.filter((f) => f.startsWith("rule:console-log-in-source") || f.startsWith("rule:bare-except"))).toEqual([]);
    expect(findings).toContain("rule:todo-without-ticket:major");
    expect(findings).toContain("rule:eval-call:major");
    expect(problems).toEqual([]);
  });

  it("names unknown ids in both keys, with the nearest known one", () => {
    const { problems } = run({ disable: ["console-log-in-sorce", "cobol"], severity: { "no-such-rule": "nit" } });
    expect(problems).toEqual([
      'rules.disable: no rule or pack "console-log-in-sorce" (did you mean console-log-in-source?)',
      'rules.disable: no rule or pack "cobol"',
      'rules.severity: no rule "no-such-rule"',
    ]);
  });

  it("leaves the shipped packs themselves unchanged", () => {
    run({ disable: ["javascript-typescript"], severity: { "bare-except": "critical" } });
    expect(shipped.find((pack) => pack.pack === "python")?.rules.find((rule) => rule.id === "bare-except")?.severity).toBe("minor");
  });
});

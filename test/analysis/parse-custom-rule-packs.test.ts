// A team's own rule packs (.github/foureyes/rules/*.yml): a good rule runs; a
// bad file or a query that does not compile is named with its file and the
// query's error position, and never stops the other rules.

import { describe, expect, it } from "vitest";

import { parseCustomRulePacks } from "../../src/analysis/parse-custom-rule-packs.js";
import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import { runRulePacks } from "../../src/analysis/run-rule-packs.js";

const shipped = loadRulePacks();
const DIR = ".github/foureyes/rules";

function pack(rules: string[]): string {
  return ["pack: team", "languages: [typescript, javascript]", "rules:", ...rules].join("\n") + "\n";
}

function rule(id: string, query: string[]): string {
  return [`  - id: ${id}`, "    severity: major", "    category: bug", "    message: Use the ledger client.", "    query: |", ...query.map((line) => `      ${line}`)].join("\n");
}

const LEDGER_RULE = rule("no-raw-ledger-write", ["((call_expression function: (member_expression property: (property_identifier) @p)) @match", "  (#eq? @p \"rawWrite\"))"]);
const BROKEN_RULE = rule("broken-node", ["(call_expression", "  function: (no_such_node) @f) @match"]);

function findings(packs: ReturnType<typeof parseCustomRulePacks>["packs"], text: string) {
  return runRulePacks(packs, [{ path: "src/a.ts", language: "typescript", headText: text, addedLines: new Set(text.split("\n").map((_, i) => i + 1)) }]).map((f) => [f.source, f.line]);
}

describe("parseCustomRulePacks", () => {
  it("runs a team's rule like a shipped one", () => {
    const { packs, problems } = parseCustomRulePacks([{ path: `${DIR}/team.yml`, text: pack([LEDGER_RULE]) }], shipped);
    expect(problems).toEqual([]);
    expect(findings(packs, "ledger.rawWrite(entry);\nledger.write(entry);")).toEqual([["rule:no-raw-ledger-write", 1]]);
  });

  it("names a query that does not compile by file, rule, file line and query position, and keeps the file's other rules", () => {
    const text = pack([LEDGER_RULE, BROKEN_RULE]);
    const { packs, problems } = parseCustomRulePacks([{ path: `${DIR}/team.yml`, text }], shipped);
    const fileLine = text.split("\n").findIndex((line) => line.includes("(no_such_node)")) + 1;
    expect(fileLine).toBeGreaterThan(1);
    expect(problems).toEqual([
      `${DIR}/team.yml: rule broken-node: the query does not compile for typescript: unknown node type \`no_such_node\` at line ${fileLine}, column 20 (query line 2, column 14)`,
    ]);
    expect(findings(packs, "ledger.rawWrite(entry);")).toEqual([["rule:no-raw-ledger-write", 1]]);
  });

  it("names a file that is not YAML, or not a pack, and keeps the other files", () => {
    const { packs, problems } = parseCustomRulePacks(
      [
        { path: `${DIR}/a.yml`, text: "pack: [unclosed\n" },
        { path: `${DIR}/b.yml`, text: "pack: b\nrules: []\n" },
        { path: `${DIR}/c.yml`, text: pack([LEDGER_RULE]) },
      ],
      shipped,
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(new RegExp(`^${DIR}/a\\.yml: YAML syntax error at line \\d+, column \\d+: `));
    expect(problems[1]).toMatch(new RegExp(`^${DIR}/b\\.yml: not a rule pack: languages: `));
    expect(findings(packs, "ledger.rawWrite(entry);")).toEqual([["rule:no-raw-ledger-write", 1]]);
  });

  it("names an invalid rule by its id and keeps the valid ones", () => {
    const bad = ["  - id: no-severity", "    category: bug", "    message: m", "    query: (debugger_statement) @match"].join("\n");
    const { packs, problems } = parseCustomRulePacks([{ path: `${DIR}/team.yml`, text: pack([bad, LEDGER_RULE]) }], shipped);
    expect(problems).toEqual([`${DIR}/team.yml: rule no-severity: severity: Invalid option: expected one of "critical"|"major"|"minor"|"nit"`]);
    expect(packs.flatMap((p) => p.rules.map((r) => r.id))).toEqual(["no-raw-ledger-write"]);
  });

  it("never lets a custom rule replace a shipped one, or a later file's rule an earlier one's, silently", () => {
    const shadow = rule("eval-call", ["(debugger_statement) @match"]);
    const { packs, problems } = parseCustomRulePacks(
      [
        { path: `${DIR}/a.yml`, text: pack([LEDGER_RULE, shadow]) },
        { path: `${DIR}/b.yml`, text: pack([LEDGER_RULE]) },
      ],
      shipped,
    );
    expect(problems).toEqual([
      `${DIR}/a.yml: rule eval-call: a shipped rule has this id; the shipped rule runs and this one does not (rename it, and disable the shipped one under rules.disable if it should not run)`,
      `${DIR}/b.yml: rule no-raw-ledger-write: ${DIR}/a.yml already has a rule with this id; that one runs`,
    ]);
    expect(packs.flatMap((p) => p.rules.map((r) => r.id))).toEqual(["no-raw-ledger-write"]);
  });
});

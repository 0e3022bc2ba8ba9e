import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { LANGUAGE_NAMES, languageForPath,type LanguageName } from "../../src/analysis/languages.js";
import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import { runRulePacks } from "../../src/analysis/run-rule-packs.js";
import { RULE_FIXTURES } from "./rule-fixtures.js";
import { CSHARP_RULE_FIXTURES } from "./rule-fixtures-csharp.js";
import { GO_RULE_FIXTURES } from "./rule-fixtures-go.js";
import { JAVA_RULE_FIXTURES } from "./rule-fixtures-java.js";
import { KOTLIN_RULE_FIXTURES } from "./rule-fixtures-kotlin.js";
import { PYTHON_RULE_FIXTURES } from "./rule-fixtures-python.js";

const packs = loadRulePacks();

function allLines(text: string): Set<number> {
  return new Set(text.split("\n").map((_, index) => index + 1));
}

function findingsFor(path: string, language: LanguageName, text: string, added = allLines(text)) {
  return runRulePacks(packs, [{ path, language, headText: text, addedLines: added }]);
}

function languageOf(path: string): LanguageName {
  if (path.endsWith(".tsx") || path.endsWith(".jsx")) return "tsx";
  if (path.endsWith(".js")) return "javascript";
  return languageForPath(path) ?? "typescript";
}

const ALL_FIXTURES = [...RULE_FIXTURES, ...PYTHON_RULE_FIXTURES, ...JAVA_RULE_FIXTURES, ...KOTLIN_RULE_FIXTURES, ...CSHARP_RULE_FIXTURES, ...GO_RULE_FIXTURES];

describe("every shipped rule against its fixtures", () => {
  // The same id in two packs (empty-catch in Java and C#) is two rules: each needs its own fixtures.
  const shipped = packs.flatMap((pack) => pack.rules.map((rule) => ({ pack: pack.pack, id: rule.id, languages: rule.languages ?? pack.languages })));
  const cases = ALL_FIXTURES.flatMap((fixture) => {
    const path = fixture.path ?? "src/example.ts";
    const language = fixture.language ?? languageOf(path);
    return [
      ...fixture.match.map((text) => ({ rule: fixture.rule, path, language, text, expected: true })),
      ...fixture.noMatch.map((text) => ({ rule: fixture.rule, path, language, text, expected: false })),
    ];
  });

  it("has at least one positive and one negative example for each rule of each pack, and 5+ rules a pack", () => {
    for (const pack of packs) expect(pack.rules.length, `rules in ${pack.pack}`).toBeGreaterThanOrEqual(5);
    for (const { pack, id, languages } of shipped) {
      const own = cases.filter((c) => c.rule === id && languages.includes(c.language));
      expect(own.filter((c) => c.expected), `positive example for ${pack}/${id}`).not.toHaveLength(0);
      expect(own.filter((c) => !c.expected), `negative example for ${pack}/${id}`).not.toHaveLength(0);
    }
    const orphans = cases.filter((c) => !shipped.some((rule) => rule.id === c.rule && rule.languages.includes(c.language)));
    expect(orphans.map((c) => `${c.rule} (${c.language})`)).toEqual([]);
  });

  it.each(cases)("$rule on $path: $expected for $text", ({ rule, path, language, text, expected }) => {
    const sources = findingsFor(path, language, text).map((finding) => finding.source);
    expect(sources.includes(`rule:${rule}`)).toBe(expected);
  });
});

describe("rule packs", () => {
  it("every shipped query compiles for every language its pack names", () => {
    for (const language of LANGUAGE_NAMES) {
      expect(() => findingsFor(`x.${language}`, language, "const a = 1;\n")).not.toThrow();
    }
  });

  it("finds disabled TLS verification, eval, innerHTML, an empty catch and debugger on added lines; committed keys are the secret detectors' job", () => {
    const text = [
      "import https from 'node:https';",
      "const agent = new https.Agent({ rejectUnauthorized: false });",
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
      "export function run(code: string) { return eval(code); }",
      "el.innerHTML = userInput;",
      "const key = 'AKIAABCDEFGHIJKLMNOP';",
      "try { work(); } catch (e) {}",
      "debugger;",
    ].join("\n");
    const found = findingsFor("src/a.ts", "typescript", text).map((f) => [f.source, f.line]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["rule:tls-verification-disabled", 2],
        ["rule:tls-verification-disabled-env", 3],
        ["rule:eval-call", 4],
        ["rule:inner-html-assignment", 5],
        ["rule:empty-catch", 7],
        ["rule:debugger-statement", 8],
      ]),
    );
    expect(found).toHaveLength(6);
  });

  it("reports nothing on lines the change did not add", () => {
    const text = "const x = eval('1');\nconst y = eval('2');\n";
    const found = findingsFor("a.js", "javascript", text, new Set([2]));
    expect(found.map((f) => f.line)).toEqual([2]);
  });

  it("finds a multi-line match in the middle of a large file that is parsed only around the change", () => {
    const filler = Array.from({ length: 1500 }, (_, i) => `export function f${i}(a: number): number {\n  return a + ${i};\n}`).join("\n");
    const text = `${filler}\nexport const agent = new Agent({\n  keepAlive: true,\n  rejectUnauthorized: false,\n});\n${filler.replace(/f(\d+)/g, "g$1")}\n`;
    expect(text.length).toBeGreaterThan(24_000);
    const line = filler.split("\n").length + 3;
    const found = findingsFor("src/big.ts", "typescript", text, new Set([line - 2, line - 1, line, line + 1]));
    expect(found.map((f) => [f.source, f.line])).toEqual([["rule:tls-verification-disabled", line]]);
  });

  it("relates an un-awaited call to an async declaration outside the trees parsed around the change", () => {
    const filler = Array.from({ length: 1500 }, (_, i) => `export function f${i}(a: number): number {\n  return a + ${i};\n}`).join("\n");
    const text = `async function persist(): Promise<void> {}\n${filler}\nexport function close(): void {\n  persist();\n}\n${filler.replace(/f(\d+)/g, "g$1")}\n`;
    expect(text.length).toBeGreaterThan(24_000);
    const line = filler.split("\n").length + 3;
    const found = findingsFor("src/big.ts", "typescript", text, new Set([line - 1, line, line + 1]));
    expect(found.map((f) => [f.source, f.line])).toEqual([["rule:floating-promise", line]]);
    const sync = text.replace("async function persist(): Promise<void>", "function persist(): void");
    expect(findingsFor("src/big.ts", "typescript", sync, new Set([line - 1, line, line + 1]))).toEqual([]);
  });

  it("leaves a catch block with a comment or code alone", () => {
    const text = "try { a(); } catch { /* optional feature */ }\ntry { a(); } catch (e) { log(e); }\n";
    expect(findingsFor("a.ts", "typescript", text)).toEqual([]);
  });

  it("rejects a pack whose rule has no @match capture, naming the file and key", () => {
    const dir = mkdtempSync(join(tmpdir(), "foureyes-rules-"));
    writeFileSync(
      join(dir, "bad.yml"),
      "pack: bad\nlanguages: [typescript]\nrules:\n  - id: x\n    severity: minor\n    category: bug\n    message: m\n    query: (identifier) @id\n",
    );
    expect(() => loadRulePacks(dir)).toThrow(/bad\.yml: rules\.0\.query: the query must capture the finding as @match/);
  });

  it("names the rule whose query does not compile, even though the pack's rules run as one query", () => {
    const dir = mkdtempSync(join(tmpdir(), "foureyes-rules-"));
    writeFileSync(
      join(dir, "broken.yml"),
      "pack: broken\nlanguages: [typescript]\nrules:\n  - id: fine\n    severity: minor\n    category: bug\n    message: m\n    query: (debugger_statement) @match\n  - id: typo\n    severity: minor\n    category: bug\n    message: m\n    query: (no_such_node) @match\n",
    );
    const broken = loadRulePacks(dir);
    expect(() => runRulePacks(broken, [{ path: "a.ts", language: "typescript", headText: "debugger;\n", addedLines: new Set([1]) }])).toThrow(
      /Rule broken\/typo has an invalid query for typescript/,
    );
  });

  it("runs a rule only on the languages and paths it names", () => {
    const dir = mkdtempSync(join(tmpdir(), "foureyes-rules-"));
    writeFileSync(
      join(dir, "scoped.yml"),
      [
        "pack: scoped",
        "languages: [typescript, javascript]",
        "rules:",
        "  - id: ts-only-in-lib",
        "    severity: minor",
        "    category: bug",
        "    message: m",
        "    languages: [typescript]",
        '    paths: ["lib/**"]',
        '    excludePaths: ["lib/vendor/**"]',
        "    query: (debugger_statement) @match",
        "",
      ].join("\n"),
    );
    const scoped = loadRulePacks(dir);
    const hits = (path: string, language: "typescript" | "javascript") =>
      runRulePacks(scoped, [{ path, language, headText: "debugger;\n", addedLines: new Set([1]) }]).length;
    expect([hits("lib/a.ts", "typescript"), hits("src/a.ts", "typescript"), hits("lib/vendor/a.ts", "typescript"), hits("lib/a.js", "javascript")]).toEqual([1, 0, 0, 0]);
  });
});

// analyzeFile: the declarations a change touches, found with tree-sitter in the head version.

import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { analyzeFile, analyzeFileTrees } from "../../src/analysis/analyze-file.js";
import { languageForPath, parseText } from "../../src/analysis/languages.js";
import { REGION_PARSE_MIN_CHARS } from "../../src/analysis/parse-regions.js";
import { DECLARATION_LINE_CAP } from "../../src/analysis/trim-declaration.js";
import type { DiffLine, FileDiff, Hunk } from "../../src/core/diff.js";
import { parseFileDiff } from "../../src/diff/parse-file-diff.js";
import { corpusChangedFiles, corpusHeadText, loadCorpus } from "../helpers/corpus.js";
import { lineOf } from "../helpers/declarations-of.js";

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/analysis/${name}.txt`, import.meta.url), "utf8");

/**
 * A diff of `head` in which the given new-side lines were added (each run one
 * hunk with a line of context), plus deletion-only hunks after the given lines.
 */
function diffOf(path: string, head: string, added: number[], deletedAfter: number[] = []): FileDiff {
  const lines = head.split("\n");
  const hunks: Hunk[] = [];
  const runs: number[][] = [];
  for (const line of [...added].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === line - 1) run.push(line);
    else runs.push([line]);
  }
  for (const run of runs) {
    const first = run[0] ?? 1;
    const last = run[run.length - 1] ?? first;
    const body: DiffLine[] = run.map((line) => ({ kind: "add", newLine: line, text: lines[line - 1] ?? "" }));
    hunks.push({ oldStart: first, oldLines: 0, newStart: first, newLines: last - first + 1, header: `@@ -${first},0 +${first},${run.length} @@`, lines: body });
  }
  for (const after of deletedAfter) {
    hunks.push({ oldStart: after + 1, oldLines: 1, newStart: after, newLines: 0, header: `@@ -${after + 1},1 +${after},0 @@`, lines: [{ kind: "del", oldLine: after + 1, text: "gone();" }] });
  }
  hunks.sort((a, b) => a.newStart - b.newStart);
  return { path, status: "modified", hunks, patchMissing: false };
}

const summary = (path: string, head: string, added: number[], deletedAfter: number[] = []) =>
  analyzeFile(diffOf(path, head, added, deletedAfter), head).declarations.map((d) => `${d.kind} ${d.name} ${d.startLine}-${d.endLine}`);

describe("analyzeFile on TypeScript", () => {
  const service = fixture("service.ts");

  it("finds a class method, not the whole class, for a change in its body", () => {
    const analysis = analyzeFile(diffOf("src/service.ts", service, [24]), service);
    expect(analysis).toMatchObject({ language: "typescript", hasSyntaxErrors: false });
    expect(analysis.contextNote).toBeUndefined();
    expect(analysis.declarations).toEqual([
      { name: "get", kind: "method", startLine: 22, endLine: 25, text: service.split("\n").slice(21, 25).join("\n"), truncated: false, exported: true },
    ]);
  });

  it("gives the class for a change between its members", () => {
    expect(summary("src/service.ts", service, [18])).toEqual(["class CacheService 17-30"]);
  });

  it("finds an arrow function bound to an exported const, with `export const` in its text", () => {
    const analysis = analyzeFile(diffOf("src/service.ts", service, [33]), service);
    expect(analysis.declarations.map((d) => `${d.kind} ${d.name} ${d.startLine}-${d.endLine}`)).toEqual(["arrow normalizeKey 32-35"]);
    expect(analysis.declarations[0]?.text.startsWith("export const normalizeKey = (key: CacheKey)")).toBe(true);
  });

  it("finds interfaces, type aliases, enums and exported consts", () => {
    expect(summary("src/service.ts", service, [6, 10, 13, 3])).toEqual([
      "const DEFAULT_TIMEOUT_MS 3-3",
      "interface CacheOptions 5-8",
      "type CacheKey 10-10",
      "enum CacheState 12-15",
    ]);
  });

  it("picks the innermost named declaration: a function expression bound to an object property", () => {
    expect(summary("src/service.ts", service, [40, 43])).toEqual(["function loadConfig 37-44", "function-expression parse 39-41"]);
  });

  it("needs nothing for a change at the top level", () => {
    expect(summary("src/service.ts", service, [1, 2])).toEqual([]);
  });

  it("de-duplicates a declaration touched by several hunks", () => {
    expect(summary("src/service.ts", service, [23, 25], [23])).toEqual(["method get 22-25"]);
  });

  it("finds the declaration around a pure deletion, and none for one between declarations", () => {
    expect(summary("src/service.ts", service, [], [28])).toEqual(["method set 27-29"]);
    expect(summary("src/service.ts", service, [], [30])).toEqual([]);
  });
});

describe("analyzeFile on other grammars", () => {
  it("reads .tsx with the TSX grammar", () => {
    const widget = fixture("widget.tsx");
    const analysis = analyzeFile(diffOf("src/widget.tsx", widget, [5, 8]), widget);
    expect(analysis.language).toBe("tsx");
    expect(analysis.hasSyntaxErrors).toBe(false);
    expect(analysis.declarations.map((d) => `${d.kind} ${d.name}`)).toEqual(["function Counter", "arrow Label"]);
  });

  it("reads .mjs as JavaScript, including `module.exports.x = function`", () => {
    const routes = fixture("routes.mjs");
    const analysis = analyzeFile(diffOf("lib/routes.mjs", routes, [4, 8, 12]), routes);
    expect(analysis.language).toBe("javascript");
    expect(analysis.declarations.map((d) => `${d.kind} ${d.name} ${d.startLine}-${d.endLine}`)).toEqual([
      "function addRoute 3-5",
      "arrow findRoute 7-9",
      "function-expression module.exports.listRoutes 11-13",
    ]);
  });

  it("maps every supported extension to its grammar and nothing else", () => {
    expect(["a.ts", "a.mts", "a.cts", "a.tsx", "a.js", "a.jsx", "a.mjs", "a.cjs", "A.TS"].map(languageForPath)).toEqual([
      "typescript",
      "typescript",
      "typescript",
      "tsx",
      "javascript",
      "javascript",
      "javascript",
      "javascript",
      "typescript",
    ]);
    expect(["a.rb", "README.md", "Makefile", ".ts", "a.d"].map(languageForPath)).toEqual([null, null, null, null, null]);
  });

  it("reuses one parser per grammar (JSX in .jsx files parses cleanly)", () => {
    const jsx = "export const App = () => <div>{1}</div>;\n";
    expect(parseText("javascript", jsx).rootNode.hasError).toBe(false);
    expect(analyzeFile(diffOf("src/app.jsx", jsx, [1]), jsx).declarations.map((d) => d.name)).toEqual(["App"]);
  });
});

describe("analyzeFile when context is limited", () => {
  it("still finds declarations in a file with syntax errors, and says so", () => {
    const broken = fixture("broken.ts");
    const analysis = analyzeFile(diffOf("src/broken.ts", broken, [2, 11]), broken);
    expect(analysis.hasSyntaxErrors).toBe(true);
    expect(analysis.declarations.map((d) => d.name)).toEqual(["healthy", "afterBroken"]);
  });

  it.each([
    ["scripts/tool.rb", "def main\n  nil\nend\n", ".rb files"],
    ["docs/guide.md", "# Guide\n", ".md files"],
    ["Makefile", "all:\n\ttrue\n", "files like Makefile"],
  ])("reviews %s on the diff alone", (path, text, kind) => {
    const analysis = analyzeFile(diffOf(path, text, [1]), text);
    expect(analysis).toMatchObject({ language: null, declarations: [], hasSyntaxErrors: false });
    expect(analysis.contextNote).toBe(`no syntax support for ${kind}; reviewed on the diff alone`);
  });

  it("says so when the head version could not be read", () => {
    const analysis = analyzeFile(diffOf("src/a.ts", "const a = 1;\n", [1]), null);
    expect(analysis).toMatchObject({ language: null, declarations: [] });
    expect(analysis.contextNote).toMatch(/could not be read/);
  });

  it("handles files over 32 KB (tree-sitter's default buffer), whole or by region", () => {
    const filler = Array.from({ length: 1200 }, (_, index) => `export function f${index}(a: number): number {\n  return a + ${index};\n}\n`).join("\n");
    expect(filler.length).toBeGreaterThan(Math.max(32 * 1024, REGION_PARSE_MIN_CHARS));
    const lines = filler.split("\n");
    const target = lines.findIndex((line) => line.startsWith("export function f1000(")) + 2;
    const analysis = analyzeFile(diffOf("src/big.ts", filler, [target]), filler);
    expect(analysis.hasSyntaxErrors).toBe(false);
    expect(analysis.declarations.map((d) => `${d.name} ${d.startLine}-${d.endLine}`)).toEqual([`f1000 ${target - 1}-${target + 1}`]);
    expect(analysis.declarations[0]?.text).toBe(lines.slice(target - 2, target + 1).join("\n"));

    // Changes spread over the whole file: one parse of all of it.
    const last = lines.length - 2;
    const spread = analyzeFile(diffOf("src/big.ts", filler, [2, target, last]), filler);
    expect(spread.declarations.map((d) => d.name)).toEqual(["f0", "f1000", "f1199"]);
    const tree = parseText("typescript", filler);
    expect(tree.rootNode.hasError).toBe(false);
    expect(tree.rootNode.namedChildCount).toBe(1200);
  });

  it("parses a 10 KB TypeScript file around its change, and reads a generic arrow there as the arrow it is (its locals are no public surface)", () => {
    const filler = Array.from({ length: 120 }, (_, index) => `export function f${index}(a: number): number {\n  return a + ${index};\n}\n`).join("\n");
    const hook = [
      "export const useStore = <T>(",
      "  subscribe: (callback: () => void) => () => void,",
      "  getSnapshot: () => T,",
      "): T => {",
      "  useEffect(() => {",
      "    const update = () => setVersion((version) => version + 1)",
      "    subscribe(update)",
      "  }, [subscribe])",
      "  return getSnapshot()",
      "}",
    ].join("\n");
    const text = `${filler}\n${hook}\n\n${filler.replaceAll("function f", "function g")}`;
    expect(text.length).toBeGreaterThan(8_000);
    expect(text.length).toBeLessThan(24_000);
    const changed = lineOf(text, "const update = () =>");
    const { analysis, regions } = analyzeFileTrees(diffOf("src/hooks.ts", text, [changed]), text);
    // The tree holds the hook, not the 240 functions around it.
    expect(regions.reduce((sum, region) => sum + region.root.descendantsOfType("function_declaration").length, 0)).toBeLessThan(10);
    expect(analysis.declarations.map((d) => `${d.kind} ${d.name}${d.exported ? " exported" : ""}`)).toEqual(["arrow update"]);
  });

  it("parses a large file whole when a region cut would land inside a template literal", () => {
    const body = Array.from({ length: 1500 }, (_, index) => `  line ${index}`).join("\n");
    const text = `export function render(): string {\n  return \`\n${body}\n\nconst fake = 1\n${body}\n\`;\n}\n`;
    expect(text.length).toBeGreaterThan(REGION_PARSE_MIN_CHARS);
    const lines = text.split("\n");
    const target = lines.indexOf("const fake = 1") + 1;
    const analysis = analyzeFile(diffOf("src/render.ts", text, [target]), text);
    expect(analysis.declarations.map((d) => `${d.kind} ${d.name}`)).toEqual(["function render"]);
  });

  it("trims a declaration over the cap to the region around the change", () => {
    const body = Array.from({ length: 400 }, (_, index) => `  step(${index});`).join("\n");
    const text = `function long() {\n${body}\n}\n`;
    const analysis = analyzeFile(diffOf("src/long.ts", text, [302]), text);
    const [declaration] = analysis.declarations;
    expect(declaration).toMatchObject({ name: "long", startLine: 1, endLine: 402, truncated: true });
    const shown = declaration?.text.split("\n") ?? [];
    expect(shown.length).toBeLessThanOrEqual(DECLARATION_LINE_CAP + 2);
    expect(shown[0]).toBe("function long() {");
    expect(shown).toContain("  step(300);");
    expect(shown.some((line) => /^\/\/ … lines 2-\d+ omitted$/.test(line))).toBe(true);
    expect(shown[shown.length - 1]).toBe("}");
  });

  it("analyses every corpus file it supports without throwing, finding declarations in most", () => {
    let withDeclarations = 0;
    let supported = 0;
    for (const pr of loadCorpus()) {
      for (const file of corpusChangedFiles(pr)) {
        const head = corpusHeadText(pr, file.path);
        if (!head || !languageForPath(file.path)) continue;
        supported++;
        const analysis = analyzeFile(parseFileDiff(file), head);
        expect(analysis.language).not.toBeNull();
        if (analysis.declarations.length > 0) withDeclarations++;
        for (const declaration of analysis.declarations) {
          expect(declaration.startLine).toBeLessThanOrEqual(declaration.endLine);
          if (!declaration.truncated) expect(declaration.text).toBe(head.split("\n").slice(declaration.startLine - 1, declaration.endLine).join("\n"));
        }
      }
    }
    expect(supported).toBeGreaterThan(150);
    expect(withDeclarations / supported).toBeGreaterThan(0.5);
  });
});

// planChunks: what the model sees, packed into chunks under the token budget.

import { describe, expect, it } from "vitest";

import { analyzeFile } from "../../src/analysis/analyze-file.js";
import type { FileAnalysis, TouchedDeclaration } from "../../src/analysis/types.js";
import type { FileDiff, Hunk } from "../../src/core/diff.js";
import { parseFileDiff } from "../../src/diff/parse-file-diff.js";
import { estimateTokens } from "../../src/review/estimate-tokens.js";
import { CONTEXT_FORMAT_NOTE, planChunks } from "../../src/review/plan-chunks.js";
import type { ReviewChunk } from "../../src/review/types.js";
import { corpusChangedFiles, corpusHeadText, loadCorpus } from "../helpers/corpus.js";

function analysisOf(path: string, patch: string, declarations: TouchedDeclaration[] = [], extra: Partial<FileAnalysis> = {}): FileAnalysis {
  const diff = parseFileDiff({ path, status: "modified", additions: 1, deletions: 1, patch });
  return { path, language: "typescript", diff, declarations, hasSyntaxErrors: false, ...extra };
}

const declaration = (name: string, startLine: number, endLine: number, text = `function ${name}() {\n  body();\n}`): TouchedDeclaration => ({
  name,
  kind: "function",
  startLine,
  endLine,
  text,
  truncated: false,
});

/** A hunk of `count` added lines starting at new line `start`, with one context line on each side. */
function addedHunk(start: number, count: number, text = (line: number) => `  call(${line});`): string {
  const lines = [`@@ -${start - 1},2 +${start - 1},${count + 2} @@`, ` ${text(start - 1)}`];
  for (let line = start; line < start + count; line++) lines.push(`+${text(line)}`);
  lines.push(` ${text(start + count)}`);
  return lines.join("\n");
}

/** New-side and old-side numbers of every rendered diff line, across chunks. */
function renderedLines(chunks: ReviewChunk[]): string[] {
  return chunks.flatMap((chunk) => chunk.context.split("\n").filter((line) => /^\s*\d+ [+ -] /.test(line)));
}

describe("planChunks rendering", () => {
  it("renders header, touched declarations and numbered hunk lines", () => {
    const analysis = analysisOf(
      "src/app.ts",
      ["@@ -8,4 +8,4 @@ export function run() {", "   const a = 1;", "-  const b = 2;", "+  const b = 3;", "   return a + b;"].join("\n"),
      [declaration("run", 7, 11, "export function run() {\n  const a = 1;\n  const b = 3;\n  return a + b;\n}")],
    );
    const [chunk, ...rest] = planChunks([analysis], 6000);
    expect(rest).toEqual([]);
    expect(chunk?.id).toBe("chunk-1");
    expect(chunk?.paths).toEqual(["src/app.ts"]);
    expect(chunk?.context).toBe(
      [
        "### src/app.ts (typescript)",
        "",
        "// lines 7-11 of src/app.ts: function run",
        "export function run() {",
        "  const a = 1;",
        "  const b = 3;",
        "  return a + b;",
        "}",
        "",
        "@@ -8,4 +8,4 @@ export function run() {",
        " 8     const a = 1;",
        " 9 -   const b = 2;",
        " 9 +   const b = 3;",
        "10     return a + b;",
      ].join("\n"),
    );
    expect(chunk?.estimatedTokens).toBe(estimateTokens(chunk?.context ?? ""));
  });

  it("documents the format for the system prompt", () => {
    expect(CONTEXT_FORMAT_NOTE).toMatch(/`\+`.*added/);
    expect(CONTEXT_FORMAT_NOTE).toMatch(/RIGHT/);
    expect(CONTEXT_FORMAT_NOTE).toMatch(/`-`.*deleted.*old version.*LEFT/);
    expect(CONTEXT_FORMAT_NOTE).toMatch(/lines A-B of path/);
  });

  it("notes renames, missing syntax context and syntax errors in the file header", () => {
    const diff: FileDiff = { ...parseFileDiff({ path: "src/new.ts", previousPath: "src/old.ts", status: "renamed", additions: 1, deletions: 0, patch: "@@ -1,0 +1,1 @@\n+x" }) };
    const renamed: FileAnalysis = { path: "src/new.ts", language: "typescript", diff, declarations: [], hasSyntaxErrors: true };
    const python = analysisOf("tool.py", "@@ -1,0 +1,1 @@\n+x", [], { language: null, contextNote: "no syntax support for .py files; reviewed on the diff alone" });
    const context = planChunks([renamed, python], 6000)[0]?.context ?? "";
    expect(context).toContain("### src/new.ts (typescript)\nRenamed from src/old.ts.\nNote: the new version has syntax errors");
    expect(context).toContain("### tool.py\nNote: no syntax support for .py files; reviewed on the diff alone.");
  });

  it("leaves out files with nothing to comment on (pure renames, missing patches)", () => {
    const rename = analyzeFile(parseFileDiff({ path: "b.ts", previousPath: "a.ts", status: "renamed", additions: 0, deletions: 0 }), "");
    expect(planChunks([rename], 6000)).toEqual([]);
  });

  it("skips a declaration whose every line the hunk already shows, and one nested in a shown declaration", () => {
    const shownByHunk = declaration("tiny", 10, 11);
    const outer = declaration("Outer", 1, 30, "class Outer {\n  inner() {}\n}");
    const inner = { ...declaration("inner", 20, 22), kind: "method" as const };
    const analysis = analysisOf("src/a.ts", [addedHunk(5, 1), addedHunk(10, 2), addedHunk(21, 1)].join("\n"), [outer, shownByHunk, inner]);
    const context = planChunks([analysis], 6000)[0]?.context ?? "";
    expect(context).toContain("// lines 1-30 of src/a.ts: function Outer");
    expect(context).not.toContain("tiny");
    expect(context).not.toContain("function inner");
  });

  it("clips absurdly long diff lines", () => {
    const analysis = analysisOf("src/a.ts", `@@ -1,0 +1,1 @@\n+${"x".repeat(5000)}`);
    const context = planChunks([analysis], 6000)[0]?.context ?? "";
    expect(context).toContain("… (4000 more characters)");
    expect(context.length).toBeLessThan(1200);
  });
});

describe("planChunks packing", () => {
  const small = (name: string) => analysisOf(`src/${name}.ts`, addedHunk(5, 3));

  it("packs small files together, in order, with stable ids", () => {
    const chunks = planChunks([small("a"), small("b"), small("c")], 6000);
    expect(chunks.map((chunk) => [chunk.id, chunk.paths])).toEqual([["chunk-1", ["src/a.ts", "src/b.ts", "src/c.ts"]]]);
    expect(planChunks([small("a"), small("b"), small("c")], 6000)).toEqual(chunks);
  });

  it("starts a new chunk when the next file does not fit", () => {
    const one = planChunks([small("a")], 6000)[0]?.estimatedTokens ?? 0;
    const chunks = planChunks([small("a"), small("b"), small("c")], one * 2 + 2);
    expect(chunks.map((chunk) => chunk.paths)).toEqual([["src/a.ts", "src/b.ts"], ["src/c.ts"]]);
    expect(chunks.map((chunk) => chunk.id)).toEqual(["chunk-1", "chunk-2"]);
  });

  it("splits a file over the budget by hunks, showing each needed declaration once per chunk", () => {
    const hunks: string[] = [];
    const declarations: TouchedDeclaration[] = [];
    for (let index = 0; index < 12; index++) {
      const start = 100 * index + 10;
      hunks.push(addedHunk(start, 20));
      // Two hunks per declaration.
      if (index % 2 === 0) declarations.push(declaration(`fn${index}`, start - 5, start + 160, `function fn${index}() {\n${"  work();\n".repeat(30)}}`));
    }
    const analysis = analysisOf("src/huge.ts", hunks.join("\n"), declarations);
    const budget = 700;
    const chunks = planChunks([analysis], budget);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.estimatedTokens).toBeLessThanOrEqual(budget);
      expect(chunk.paths).toEqual(["src/huge.ts"]);
      expect(chunk.context.startsWith("### src/huge.ts (typescript)")).toBe(true);
      const headings = chunk.context.split("\n").filter((line) => line.startsWith("// lines "));
      expect(new Set(headings).size).toBe(headings.length);
      // Every hunk in the chunk has its declaration in the same chunk.
      for (const match of chunk.context.matchAll(/^@@ -\d+,2 \+(\d+),22 @@$/gm)) {
        const start = Number(match[1]) + 1;
        const owner = declarations.find((d) => d.startLine <= start && start <= d.endLine);
        expect(chunk.context).toContain(`// lines ${owner?.startLine}-${owner?.endLine} of src/huge.ts`);
      }
    }
    // Every diff line shows up exactly once.
    const rendered = renderedLines(chunks);
    expect(rendered).toHaveLength(12 * 22);
    expect(new Set(rendered).size).toBe(rendered.length);
    expect(chunks.map((chunk) => chunk.id)).toEqual(chunks.map((_, index) => `chunk-${index + 1}`));
  });

  it("splits a single hunk over the budget into windows of lines", () => {
    const analysis = analysisOf("src/generated-looking.ts", addedHunk(2, 600), [declaration("big", 1, 700, "function big() {\n  // …\n}")]);
    const budget = 1000;
    const chunks = planChunks([analysis], budget);
    expect(chunks.length).toBeGreaterThan(3);
    const parts = chunks.flatMap((chunk) => chunk.context.split("\n").filter((line) => line.startsWith("@@ ")));
    expect(parts[0]).toBe(`@@ -1,2 +1,602 @@ (part 1 of ${parts.length})`);
    expect(parts[parts.length - 1]).toBe(`@@ -1,2 +1,602 @@ (part ${parts.length} of ${parts.length})`);
    for (const chunk of chunks) {
      expect(chunk.estimatedTokens).toBeLessThanOrEqual(budget);
      expect(chunk.context).toContain("// lines 1-700 of src/generated-looking.ts: function big");
    }
    const rendered = renderedLines(chunks);
    expect(rendered).toHaveLength(602);
    expect(rendered.filter((line) => line.includes(" + ")).map((line) => Number(line.trim().split(" ")[0]))).toEqual(
      Array.from({ length: 600 }, (_, index) => index + 2),
    );
  });

  it("trims a declaration too big for any chunk instead of exceeding the budget", () => {
    const giant = declaration("giant", 1, 3000, `function giant() {\n${"  const value = compute(input, options);\n".repeat(2000)}}`);
    const analysis = analysisOf("src/giant.ts", addedHunk(1500, 2), [giant]);
    const [chunk, ...rest] = planChunks([analysis], 2000);
    expect(rest).toEqual([]);
    expect(chunk?.estimatedTokens).toBeLessThanOrEqual(2000);
    expect(chunk?.context).toContain("// lines 1-3000 of src/giant.ts: function giant (trimmed to the part around the change)");
    expect(chunk?.context).toContain("+   call(1500);");
  });

  it("keeps every corpus chunk under the budget and shows every diff line exactly once", () => {
    for (const pr of loadCorpus()) {
      const analyses = corpusChangedFiles(pr)
        .filter((file) => file.status !== "removed" && !file.path.endsWith(".lock"))
        .map((file) => analyzeFile(parseFileDiff(file), corpusHeadText(pr, file.path)));
      const budget = 1500;
      const chunks = planChunks(analyses, budget);
      for (const chunk of chunks) expect(chunk.estimatedTokens).toBeLessThanOrEqual(budget);
      const expected = analyses.reduce((sum, analysis) => sum + analysis.diff.hunks.reduce((total, hunk: Hunk) => total + hunk.lines.length, 0), 0);
      expect(renderedLines(chunks)).toHaveLength(expected);
    }
  });
});

describe("estimateTokens", () => {
  it("counts about 3.5 characters per token, rounding up", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abc")).toBe(1);
    expect(estimateTokens("x".repeat(35))).toBe(10);
    expect(estimateTokens("x".repeat(36))).toBe(11);
  });
});

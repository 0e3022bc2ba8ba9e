// Long files and long functions hide more than one idea: no production source
// file over 300 lines, no function over 60 lines (counted from its first to
// its last line, as a reader scrolls it).

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Every function-like node longer than `max` lines, as "path:line name (n lines)". */
function longFunctions(path: string, text: string, max: number): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const last = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name?.getText(file) ?? "(anonymous)";
      if (last - first + 1 > max) found.push(`${path}:${first + 1} ${name} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const files = [...sourceFiles("src"), ...sourceFiles("queues")];

describe("size limits of production code", () => {
  it("finds the sources it checks", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it(`has no source file over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map((path) => ({ path, lines: readFileSync(join(ROOT, path), "utf8").split("\n").length }))
      .filter((file) => file.lines > MAX_FILE_LINES)
      .map((file) => `${file.path} (${file.lines} lines)`);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files.flatMap((path) => longFunctions(path, readFileSync(join(ROOT, path), "utf8"), MAX_FUNCTION_LINES));
    expect(long).toEqual([]);
  });

  it("measures a long function as long (the check can fail)", () => {
    const body = Array.from({ length: 70 }, (_, index) => `  const v${index} = ${index};`).join("\n");
    expect(longFunctions("probe.ts", `function probe() {\n${body}\n}\n`, MAX_FUNCTION_LINES)).toEqual(["probe.ts:1 probe (72 lines)"]);
  });
});

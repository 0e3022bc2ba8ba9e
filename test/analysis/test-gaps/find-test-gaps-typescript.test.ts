// Test-gap detection on TypeScript and JavaScript: a changed test exercises an
// exported symbol when it imports the symbol's module (relative paths with or
// without extension, `.js` for `.ts`, index files, path aliases, require) and
// names the symbol in code; the repository's test file for the module is
// found by name in the head's file list.

import { describe, expect, it } from "vitest";

import { gapsOf, plantedGaps } from "./gaps-of.js";

const MONEY = `export function add(a: number, b: number): number {
  return a + b;
}

export function subtract(a: number, b: number): number {
  return a - b;
}

function round(value: number): number {
  return Math.round(value);
}

export class Ledger {
  post(amount: number): number {
    return round(amount);
  }

  private audit(): void {}
}

export default function total(values: number[]): number {
  return values.reduce(add, 0);
}
`;

const source = (changed?: string[]) => ({ path: "src/money.ts", text: MONEY, ...(changed ? { changed } : {}) });
const test = (path: string, text: string) => ({ path, text });

describe("findTestGaps on TypeScript", () => {
  it("tells a tested exported function from an untested one, and ignores private code", () => {
    const gaps = gapsOf([
      source(["return a + b;", "return a - b;", "return Math.round(value);", "private audit"]),
      test("test/money.test.ts", `import { add } from "../src/money.js";\nit("adds", () => expect(add(1, 2)).toBe(3));\n`),
    ]);
    expect(gaps).toEqual(["src/money.ts add: touched by test/money.test.ts | test/money.test.ts", "src/money.ts subtract: untested | test/money.test.ts"]);
  });

  it("reports every exported function, method and class of a new file, each with its head lines", () => {
    const gaps = plantedGaps([source()]).map((gap) => `${gap.kind} ${gap.container ?? "-"} ${gap.symbol} ${gap.line}-${gap.endLine} @${gap.signatureLine} +${gap.changedLines}`);
    expect(gaps).toEqual(["function - add 1-3 @1 +3", "function - subtract 5-7 @5 +3", "class - Ledger 13-19 @13 +7", "method Ledger post 14-16 @14 +3", "function - total 21-23 @21 +3"]);
  });

  it("does not count a symbol named only in strings and comments, or one imported from another module", () => {
    const gaps = gapsOf([
      source(["return a - b;"]),
      test("test/words.test.ts", `import { add } from "../src/money.js";\n// subtract is next\nit("subtract", () => add(1, 1));\n`),
      test("test/other.test.ts", `import { subtract } from "../src/other-money.js";\nit("x", () => subtract(1, 1));\n`),
    ]);
    // words.test.ts imports the module: it is the module's test file, though not one that exercises `subtract`.
    expect(gaps).toEqual(["src/money.ts subtract: untested | test/words.test.ts"]);
  });

  it("resolves extensionless, index, alias, require and dynamic import specifiers", () => {
    const index = { path: "src/lib/index.ts", text: "export function parse(text: string) {\n  return text.trim();\n}\n", changed: ["return text.trim();"] };
    const specifiers = ['"../src/lib"', '"../src/lib/index.js"', '"@/lib"', '"~/lib/index"', '"src/lib/index.ts"'];
    for (const specifier of specifiers) {
      const gaps = gapsOf([index, test("test/parse.spec.ts", `import { parse } from ${specifier};\nparse(" x ");\n`)], null);
      expect(gaps, specifier).toEqual(["src/lib/index.ts parse: touched by test/parse.spec.ts | test/parse.spec.ts"]);
    }
    const required = gapsOf([index, test("src/lib/__tests__/parse.js", `const lib = require("../index");\nlib.parse("a");\n`)]);
    expect(required).toEqual(["src/lib/index.ts parse: touched by src/lib/__tests__/parse.js | src/lib/__tests__/parse.js"]);
    const dynamic = gapsOf([index, test("src/lib/parse.test.mjs", `const { parse } = await import("./index.js");\nparse("a");\n`)]);
    expect(dynamic).toEqual(["src/lib/index.ts parse: touched by src/lib/parse.test.mjs | src/lib/parse.test.mjs"]);
  });

  it("does not link a specifier that names a neighbour of the module", () => {
    for (const specifier of ['"../src/money-utils.js"', '"./money.js"', '"../money"', '"money"', '"@acme/money"']) {
      const gaps = gapsOf([source(["return a - b;"]), test("test/money.test.ts", `import { subtract } from ${specifier};\nsubtract(2, 1);\n`)], null);
      expect(gaps, specifier).toEqual(["src/money.ts subtract: untested | no test file"]);
    }
  });

  it("counts a method as exercised when the test names its class and the method", () => {
    const changed = source(["return round(amount);"]);
    expect(gapsOf([changed, test("test/ledger.test.ts", `import { Ledger } from "../src/money";\nnew Ledger().post(5);\n`)], null)).toEqual([
      "src/money.ts Ledger.post: touched by test/ledger.test.ts | test/ledger.test.ts",
    ]);
    expect(gapsOf([changed, test("test/ledger.test.ts", `import { Ledger } from "../src/money";\nconst account = { post: () => 1 };\naccount.post();\nLedger;\n`)], null)).toEqual([
      "src/money.ts Ledger.post: touched by test/ledger.test.ts | test/ledger.test.ts",
    ]);
    expect(gapsOf([changed, test("test/post.test.ts", `import { add } from "../src/money";\nconst account = { post: () => add(1, 1) };\naccount.post();\n`)], null)).toEqual([
      "src/money.ts Ledger.post: untested | test/post.test.ts",
    ]);
  });

  it("counts a default export as exercised by a default import", () => {
    const changed = source(["return values.reduce(add, 0);"]);
    expect(gapsOf([changed, test("test/total.test.ts", `import total from "../src/money.js";\ntotal([1]);\n`)], null)).toEqual([
      "src/money.ts total: touched by test/total.test.ts | test/total.test.ts",
    ]);
    expect(gapsOf([changed, test("test/total.test.ts", `import { add } from "../src/money.js";\nadd(1, 2);\n`)], null)).toEqual([
      "src/money.ts total: untested | test/total.test.ts",
    ]);
  });

  it("finds the module's existing test file by name, nearest first, and none for a neighbour's", () => {
    const changed = [source(["return a - b;"])];
    const tree = (...paths: string[]) => ["src/money.ts", "package.json", ...paths];
    expect(gapsOf(changed, tree("test/money.test.ts"))).toEqual(["src/money.ts subtract: untested | test/money.test.ts"]);
    expect(gapsOf(changed, tree("test/other/money.spec.ts", "src/money.test.ts"))).toEqual(["src/money.ts subtract: untested | src/money.test.ts"]);
    expect(gapsOf(changed, tree("src/__tests__/money.ts"))).toEqual(["src/money.ts subtract: untested | src/__tests__/money.ts"]);
    expect(gapsOf(changed, tree("test/money-utils.test.ts", "test/moneys.test.ts", "src/money.md", "docs/money.test.md"))).toEqual([
      "src/money.ts subtract: untested | no test file",
    ]);
  });

  it("reports nothing for a change to a test file or to an exported symbol only by deletion", () => {
    expect(gapsOf([test("test/money.test.ts", `export function helper() {\n  return 1;\n}\n`)])).toEqual([]);
    expect(gapsOf([{ ...source(), changed: [] }])).toEqual([]);
  });
});

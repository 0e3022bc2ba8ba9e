// A large file that is one big class is parsed only around the members the
// change touches, inside their class's header and closing line, and the
// analysis finds the same declarations as from a parse of the whole file.

import { describe, expect, it } from "vitest";

import { analyzeFileTrees } from "../../src/analysis/analyze-file.js";
import { REGION_PARSE_MIN_CHARS } from "../../src/analysis/parse-regions.js";
import { diffAddingLines, lineOf } from "../helpers/declarations-of.js";

const methods = (count: number, indent: string): string =>
  Array.from({ length: count }, (_, index) => `${indent}/** Step ${index}. */\n${indent}@Timed\n${indent}public int step${index}(int value) {\n${indent}  int next = value + ${index};\n${indent}  return next * 2;\n${indent}}\n`).join("\n");

describe("parsing the members of one big class", () => {
  const java = `package com.bank;\n\nimport java.util.List;\n\n/** Steps. */\n@Service\npublic class Steps<T> extends Base {\n${methods(400, "  ")}\n  static class Inner {\n    void run() {\n      go();\n    }\n  }\n}\n`;

  it("parses only the changed method inside the class header, and finds it as the whole file would", () => {
    expect(java.length).toBeGreaterThan(REGION_PARSE_MIN_CHARS);
    const changed = lineOf(java, "int next = value + 300;");
    const { analysis, regions } = analyzeFileTrees(diffAddingLines("src/main/java/Steps.java", java, [changed]), java);
    expect(analysis.hasSyntaxErrors).toBe(false);
    expect(analysis.declarations.map((found) => `${found.kind} ${found.name} ${found.startLine}-${found.endLine} ${found.exported}`)).toEqual([
      `method step300 ${changed - 3}-${changed + 2} true`,
    ]);
    expect(analysis.declarations[0]?.text.split("\n")[0]).toBe("  /** Step 300. */");
    // The tree holds the class (with its modifiers) and the one method, not the other 399.
    const [region] = regions;
    expect(region?.root.descendantsOfType("method_declaration").length).toBeLessThan(5);
    expect(region?.root.descendantsOfType("class_declaration")[0]?.startPosition.row).toBe(lineOf(java, "@Service") - 1);
  });

  it("handles a change in a nested class and one in the import list together", () => {
    const { analysis } = analyzeFileTrees(diffAddingLines("src/main/java/Steps.java", java, [lineOf(java, "import java"), lineOf(java, "go();")]), java);
    expect(analysis.hasSyntaxErrors).toBe(false);
    expect(analysis.declarations.map((found) => `${found.kind} ${found.name}`)).toEqual(["method run"]);
  });

  it("parses a change in the licence header and the imports by members too, and a changed top-level doc comment still finds what it documents", () => {
    const licence = `/*\n * Copyright (C) 2026 Bank.\n *\n * Licensed under the Apache License, Version 2.0.\n */\n`;
    const licensed = `${licence}${java}`;
    const kotlin = `${licence}package com.bank\n\nimport java.util.List\n\n/**\n * Steps.\n */\nclass Steps {\n${methods(400, "  ").replaceAll("public int", "fun").replaceAll("(int value) {", "(value: Int): Int {").replaceAll("int next", "val next")}}\n`;
    const changedHeader = lineOf(licensed, "Licensed under");
    const { analysis, regions } = analyzeFileTrees(diffAddingLines("src/main/java/Steps.java", licensed, [changedHeader, lineOf(licensed, "import java")]), licensed);
    expect(analysis.hasSyntaxErrors).toBe(false);
    expect(regions[0]?.root.descendantsOfType("method_declaration").length).toBeLessThan(5);
    const docLine = lineOf(kotlin, " * Steps.");
    const documented = analyzeFileTrees(diffAddingLines("src/main/kotlin/Steps.kt", kotlin, [lineOf(kotlin, "Licensed under"), docLine]), kotlin);
    expect(documented.analysis.declarations.map((found) => `${found.kind} ${found.name} ${found.startLine}`)).toEqual([`class Steps ${docLine - 1}`]);
    expect(documented.regions[0]?.root.descendantsOfType("function_declaration").length).toBeLessThan(5);
  });

  it("cuts small files of the slower grammars too: a 4 KB Kotlin class is parsed around the changed member", () => {
    const small = `package com.bank\n\nclass Steps {\n${methods(30, "  ").replaceAll("public int", "fun").replaceAll("(int value) {", "(value: Int): Int {").replaceAll("int next", "val next")}}\n`;
    expect(small.length).toBeLessThan(5_000);
    const changed = lineOf(small, "val next = value + 12");
    const { analysis, regions } = analyzeFileTrees(diffAddingLines("src/main/kotlin/Steps.kt", small, [changed]), small);
    expect(analysis.declarations.map((found) => `${found.kind} ${found.name} ${found.startLine}-${found.endLine}`)).toEqual([`method step12 ${changed - 3}-${changed + 2}`]);
    expect(regions[0]?.root.descendantsOfType("function_declaration").length).toBeLessThan(5);
  });

  it("parses the touched members rather than the whole top-level class when that is fewer rows (a module of two large classes)", () => {
    const defs = (name: string): string => Array.from({ length: 200 }, (_, index) => `    def ${name}${index}(self, value):\n        return value + ${index}\n`).join("\n");
    const python = `import os\n\n\nclass Reads(Base):\n${defs("read")}\n\nclass Writes(Base):\n${defs("write")}\n`;
    const changed = lineOf(python, "return value + 150");
    const { analysis, regions } = analyzeFileTrees(diffAddingLines("bank/steps.py", python, [changed]), python);
    expect(analysis.declarations.map((found) => `${found.kind} ${found.name} ${found.startLine}-${found.endLine}`)).toEqual([`method read150 ${changed - 1}-${changed}`]);
    expect(regions.reduce((sum, region) => sum + region.root.descendantsOfType("function_definition").length, 0)).toBeLessThan(5);
  });

  it("parses the whole file when the cut would not parse (a text block spans the members' layout)", () => {
    const tricky = `public class Texts {\n  String a = """\n${methods(300, "  ")}\n  """;\n\n  void after() {\n    done();\n  }\n}\n`;
    const changed = lineOf(tricky, "int next = value + 200;");
    const { analysis } = analyzeFileTrees(diffAddingLines("src/main/java/Texts.java", tricky, [changed]), tricky);
    // Inside the text block there is no method: the field that holds it is what the whole parse sees.
    expect(analysis.declarations.map((found) => `${found.kind} ${found.name}`)).toEqual(["class Texts"]);
  });

  it("cuts a Python class the same way, decorators and all", () => {
    const defs = Array.from({ length: 400 }, (_, index) => `    @staticmethod\n    def step${index}(value):\n        return value + ${index}\n`).join("\n");
    const python = `import os\n\n\n@register\nclass Steps(Base):\n${defs}\n`;
    const changed = lineOf(python, "return value + 250");
    const { analysis, regions } = analyzeFileTrees(diffAddingLines("bank/steps.py", python, [changed]), python);
    expect(analysis.declarations.map((found) => `${found.kind} ${found.name} ${found.startLine}-${found.endLine}`)).toEqual([`method step250 ${changed - 2}-${changed}`]);
    expect(regions[0]?.root.descendantsOfType("function_definition").length).toBeLessThan(5);
  });
});

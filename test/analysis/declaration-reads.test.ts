// Reading a syntax node as a declaration crosses into the native tree and is
// the costliest part of finding a change's declarations: a change reads the
// declarations around it, once, not every member below it nor the same
// enclosing class again for each hunk.

import { afterEach, describe, expect, it, vi } from "vitest";

import { analyzeFile } from "../../src/analysis/analyze-file.js";
import { KOTLIN } from "../../src/analysis/languages/kotlin.js";
import { diffAddingLines, lineOf } from "../helpers/declarations-of.js";

const members = Array.from({ length: 30 }, (_, index) => `  fun step${index}(value: Int): Int {\n    val next = value + ${index}\n    return next * 2\n  }\n`).join("\n");
const kotlin = `package com.bank\n\nclass Steps {\n${members}}\n`;

describe("reading declarations", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reads the members around a change, not the ones below the next blank line", () => {
    const functions = vi.spyOn(KOTLIN.declarations, "function_declaration");
    const changed = lineOf(kotlin, "val next = value + 3");
    const analysis = analyzeFile(diffAddingLines("src/main/kotlin/Steps.kt", kotlin, [changed]), kotlin);
    expect(analysis.declarations.map((found) => `${found.kind} ${found.name}`)).toEqual(["method step3"]);
    // step3 itself; the members below it sit past a blank line.
    expect(functions).toHaveBeenCalledTimes(1);
  });

  it("reads the class around many hunks once", () => {
    const classes = vi.spyOn(KOTLIN.declarations, "class_declaration");
    const changed = Array.from({ length: 10 }, (_, index) => lineOf(kotlin, `val next = value + ${index * 3}`));
    const analysis = analyzeFile(diffAddingLines("src/main/kotlin/Steps.kt", kotlin, changed), kotlin);
    expect(analysis.declarations).toHaveLength(10);
    expect(classes).toHaveBeenCalledTimes(1);
  });
});

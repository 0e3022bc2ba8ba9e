// Test-gap detection, a pure function over what the review already has: for
// each exported function, method or class a change adds or alters outside
// test files, which of the pull request's changed test files exercise it
// (they import or share its module, and name the symbol), and which test file
// the repository already has for its module (by name, in the head's file
// list, else a changed test that imports the module).

import type Parser from "tree-sitter";

import { parseText } from "../languages.js";
import type { LanguageName } from "../languages/language-names.js";
import type { FileAnalysis } from "../types.js";
import { detectTestFramework } from "./detect-test-framework.js";
import { findExistingTest } from "./find-existing-test.js";
import { testsEachOther } from "./language-group.js";
import { type LinkedFile, linkTestToModule } from "./link-test-to-module.js";
import { listChangedSymbols } from "./list-changed-symbols.js";
import { readCodeFacts } from "./read-code-facts.js";
import { referencesSymbol } from "./references-symbol.js";
import type { TestGap } from "./types.js";

export interface TestGapInput {
  /** The change's analysed files, test files among them (`isTest`). */
  analyses: readonly FileAnalysis[];
  /** Head text of each analysed file; null or absent when it could not be read. */
  headTexts: ReadonlyMap<string, string | null>;
  /** Every path in the repository at the head; null when it could not be listed. */
  repoPaths: readonly string[] | null;
  /** Texts of the manifests that name the test framework (see listFrameworkFiles); none: frameworks from test files alone. */
  frameworkFiles?: ReadonlyMap<string, string>;
}

function parsed(path: string, language: LanguageName, text: string): { file: LinkedFile; root: Parser.SyntaxNode } | null {
  try {
    const root = parseText(language, text).rootNode;
    return { file: { path, language, facts: readCodeFacts(language, root) }, root };
  } catch {
    return null;
  }
}

export function findTestGaps(input: TestGapInput): TestGap[] {
  const tests: LinkedFile[] = [];
  const testTexts = new Map<string, string>();
  const sources: { analysis: FileAnalysis; language: LanguageName; text: string }[] = [];
  for (const analysis of input.analyses) {
    const text = input.headTexts.get(analysis.path);
    if (!analysis.language || text === null || text === undefined) continue;
    if (analysis.isTest) {
      const test = parsed(analysis.path, analysis.language, text);
      if (test) tests.push(test.file);
      testTexts.set(analysis.path, text);
    } else if (analysis.declarations.some((declaration) => declaration.exported)) {
      sources.push({ analysis, language: analysis.language, text });
    }
  }

  const gaps: TestGap[] = [];
  for (const { analysis, language, text } of sources) {
    const source = parsed(analysis.path, language, text);
    if (!source) continue;
    const symbols = listChangedSymbols(analysis, language, source.root);
    if (symbols.length === 0) continue;
    const linked = tests.filter((test) => testsEachOther(language, test.language)).map((test) => ({ test, linking: linkTestToModule(test, source.file) }));
    const seeing = linked.filter(({ linking }) => linking.length > 0);
    const existingTest = (input.repoPaths && findExistingTest(analysis.path, language, input.repoPaths)) ?? seeing[0]?.test.path ?? null;
    const framework = detectTestFramework({ language, files: new Map([...testTexts, ...(input.frameworkFiles ?? [])]), near: analysis.path });
    for (const symbol of symbols) {
      gaps.push({
        path: analysis.path,
        language,
        symbol: symbol.name,
        container: symbol.container,
        kind: symbol.kind,
        line: symbol.startLine,
        endLine: symbol.endLine,
        signatureLine: symbol.nameLine,
        changedLines: symbol.changedLines,
        touchedBy: seeing.filter(({ test, linking }) => referencesSymbol(test.facts, linking, symbol)).map(({ test }) => test.path),
        existingTest,
        framework,
      });
    }
  }
  return gaps;
}

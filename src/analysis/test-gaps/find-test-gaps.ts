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
import type { ModuleImport } from "./read-imports.js";
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
    return { file: { path, language, facts: readCodeFacts(language, root, text) }, root };
  } catch {
    return null;
  }
}

/** A changed test file, parsed the first time it is needed. */
interface ChangedTest {
  path: string;
  language: LanguageName;
  text: string;
  linked: () => LinkedFile | null;
}

function changedTest(path: string, language: LanguageName, text: string): ChangedTest {
  let file: LinkedFile | null | undefined;
  return { path, language, text, linked: () => (file === undefined ? (file = parsed(path, language, text)?.file ?? null) : file) };
}

export function findTestGaps(input: TestGapInput): TestGap[] {
  const tests: ChangedTest[] = [];
  const sources: { analysis: FileAnalysis; language: LanguageName; text: string }[] = [];
  for (const analysis of input.analyses) {
    const text = input.headTexts.get(analysis.path);
    if (!analysis.language || text === null || text === undefined) continue;
    if (analysis.isTest) tests.push(changedTest(analysis.path, analysis.language, text));
    else if (analysis.declarations.some((declaration) => declaration.exported)) sources.push({ analysis, language: analysis.language, text });
  }
  const frameworkFiles = new Map([...tests.map((test) => [test.path, test.text] as const), ...(input.frameworkFiles ?? [])]);
  return sources.flatMap(({ analysis, language, text }) => gapsOfModule(analysis, parsed(analysis.path, language, text), tests, input.repoPaths, frameworkFiles));
}

/** A module's changed exported symbols, each with the changed tests that exercise it. */
function gapsOfModule(
  analysis: FileAnalysis,
  source: ReturnType<typeof parsed>,
  tests: readonly ChangedTest[],
  repoPaths: readonly string[] | null,
  frameworkFiles: ReadonlyMap<string, string>,
): TestGap[] {
  if (!source) return [];
  const { language } = source.file;
  const symbols = listChangedSymbols(analysis, language, source.root);
  if (symbols.length === 0) return [];
  const words = symbols.flatMap((symbol) => [symbol.name.slice(symbol.name.lastIndexOf(".") + 1), ...(symbol.container ? [symbol.container] : [])]);
  // A test that names none of the symbols anywhere in its text cannot exercise them: it is not parsed.
  const candidates = tests.filter((test) => testsEachOther(language, test.language) && words.some((word) => test.text.includes(word)));
  const seeing = linkedTests(candidates, source.file);
  const existingTest =
    (repoPaths && findExistingTest(analysis.path, language, repoPaths)) ??
    seeing[0]?.test.path ??
    linkedTests(tests.filter((test) => testsEachOther(language, test.language) && !candidates.includes(test)), source.file)[0]?.test.path ??
    null;
  const framework = detectTestFramework({ language, files: frameworkFiles, near: analysis.path });
  return symbols.map((symbol) => ({
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
  }));
}

function linkedTests(tests: readonly ChangedTest[], source: LinkedFile): { test: LinkedFile; linking: ModuleImport[] }[] {
  return tests.flatMap((changed) => {
    const test = changed.linked();
    const linking = test ? linkTestToModule(test, source) : [];
    return test && linking.length > 0 ? [{ test, linking }] : [];
  });
}

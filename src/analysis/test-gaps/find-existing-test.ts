// The repository's test file for a module, found by name in the head's file
// list, by the language's convention: `money.test.ts`, `__tests__/money.ts`,
// `test_money.py`, `money_test.go`, `MoneyTest.java`, `MoneyTests.cs`. When
// several match, the one nearest the module wins (same folder, then the
// longest shared folder tail, as `src/main/java/a/b` ↔ `src/test/java/a/b`).

import { posix } from "node:path";

import { isTestPath, languageForPath } from "../languages.js";
import type { LanguageName } from "../languages/language-names.js";
import { testsEachOther } from "./language-group.js";

/** Folder names that say where code or tests live, not which module. */
const LAYOUT_FOLDERS = new Set(["src", "main", "lib", "java", "kotlin", "test", "tests", "__tests__", "spec", "specs", "it", "unit", "integration"]);

const comparable = (name: string): string => name.toLowerCase().replace(/[-_.]/g, "");

/** The module's name as tests repeat it: the file's stem, or its folder's for `index.ts` and `__init__.py`. */
function moduleStem(path: string): string {
  const stem = posix.basename(path).replace(/\.[^.]+$/, "");
  return stem === "index" || stem === "__init__" ? posix.basename(posix.dirname(path)) : stem;
}

/** A test file's name without the words that make it a test: `money.test`, `test_money`, `MoneyTests` → money. */
function testedStem(path: string): string {
  const stem = posix.basename(path).replace(/\.[^.]+$/, "");
  return stem
    .replace(/^tests?_/, "")
    .replace(/[._-](?:test|spec)s?$/i, "")
    .replace(/(?:Tests?|TestCase|Specs?|IT)$/, "");
}

const folders = (path: string): string[] =>
  posix
    .dirname(path)
    .split("/")
    .filter((part) => part !== "." && !LAYOUT_FOLDERS.has(part));

function sharedTail(a: string[], b: string[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[a.length - 1 - shared] === b[b.length - 1 - shared]) shared++;
  return shared;
}

function closeness(sourcePath: string, testPath: string): number {
  const sameFolder = posix.dirname(sourcePath) === posix.dirname(testPath) || posix.dirname(posix.dirname(testPath)) === posix.dirname(sourcePath);
  return (sameFolder ? 1000 : 0) + 10 * sharedTail(folders(sourcePath), folders(testPath)) - testPath.split("/").length / 100;
}

export function findExistingTest(sourcePath: string, language: LanguageName, repoPaths: readonly string[]): string | null {
  const wanted = comparable(moduleStem(sourcePath));
  let best: { path: string; score: number } | null = null;
  for (const path of repoPaths) {
    const testLanguage = languageForPath(path);
    if (!testLanguage || !testsEachOther(language, testLanguage) || !isTestPath(path)) continue;
    const named = comparable(testedStem(path)) === wanted;
    // Go tests a package: only a _test.go beside the file tests it, one named after the file first.
    const goPackage = posix.dirname(path) === posix.dirname(sourcePath) && path.endsWith("_test.go");
    if (language === "go" ? !goPackage : !named) continue;
    const score = closeness(sourcePath, path) + (named ? 1 : 0);
    if (!best || score > best.score) best = { path, score };
  }
  return best?.path ?? null;
}

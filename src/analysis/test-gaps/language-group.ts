// Languages whose files test each other: a JavaScript test may import a
// TypeScript module, a Kotlin test a Java class.

import type { LanguageName } from "../languages/language-names.js";

const GROUPS: Readonly<Record<LanguageName, string>> = {
  typescript: "js",
  tsx: "js",
  javascript: "js",
  java: "jvm",
  kotlin: "jvm",
  csharp: "csharp",
  python: "python",
  go: "go",
};

export function testsEachOther(a: LanguageName, b: LanguageName): boolean {
  return GROUPS[a] === GROUPS[b];
}

// Which test framework a repository uses for a language, read from the files
// that declare it: package.json (the test script first, then dependencies),
// pyproject.toml / requirements / setup.cfg / pytest.ini, build.gradle(.kts) /
// pom.xml, *.csproj. Test files' imports count too (`node:test`, `unittest`).
// Pure over file texts; in a monorepo the manifest nearest `near` wins.

import { posix } from "node:path";

import type { LanguageName } from "../languages/language-names.js";
import type { TestFramework } from "./types.js";

export interface FrameworkQuery {
  language: LanguageName;
  /** Path → text of the manifests and test files read at the head. */
  files: ReadonlyMap<string, string>;
  /** The file a test is wanted for: the nearest manifest above it decides. */
  near?: string;
}

/** Nearest first: the folders above `near`, then the shallowest. */
function byNearness(paths: string[], near: string | undefined): string[] {
  const depthShared = (path: string): number => {
    if (!near) return 0;
    const folder = posix.dirname(path);
    return folder === "." || near.startsWith(`${folder}/`) ? folder.split("/").length + 1 : -1;
  };
  return [...paths].sort((a, b) => depthShared(b) - depthShared(a) || a.split("/").length - b.split("/").length);
}

const JS_BY_WORD: readonly [RegExp, TestFramework][] = [
  [/\bvitest\b/, "vitest"],
  [/\bjest\b/, "jest"],
  [/\bmocha\b/, "mocha"],
  [/\bava\b/, "ava"],
  [/(?:\bnode|\btsx)\b[^&|;]*\s--test\b|node:test/, "node:test"],
];

const IMPORTED: Readonly<Record<string, TestFramework>> = { vitest: "vitest", "@jest/globals": "jest", mocha: "mocha", ava: "ava" };

function firstWord(text: string): TestFramework | null {
  return JS_BY_WORD.find(([word]) => word.test(text))?.[1] ?? null;
}

function readPackageJson(text: string): { script: string; dependencies: string[] } | null {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});
    const scripts = record(json.scripts);
    const script = Object.entries(scripts)
      .filter(([name]) => /^test\b/.test(name))
      .map(([, command]) => String(command))
      .join("\n");
    const dependencies = [json.devDependencies, json.dependencies].flatMap((deps) => Object.keys(record(deps)));
    return { script, dependencies: "jest" in json ? [...dependencies, "jest"] : dependencies };
  } catch {
    return null;
  }
}

function detectJs(files: ReadonlyMap<string, string>, near: string | undefined): TestFramework | null {
  const manifests = byNearness([...files.keys()].filter((path) => posix.basename(path) === "package.json"), near);
  for (const path of manifests) {
    const manifest = readPackageJson(files.get(path) ?? "");
    if (!manifest) continue;
    const framework = firstWord(manifest.script) ?? firstWord(manifest.dependencies.filter((name) => !name.startsWith("@types/")).join(" "));
    if (framework) return framework;
  }
  const tests = [...files].filter(([path]) => /\.[cm]?[jt]sx?$/.test(path)).map(([, text]) => text);
  if (tests.some((text) => /["']node:test["']/.test(text))) return "node:test";
  const imported = tests.map((text) => /from\s+["'](vitest|@jest\/globals|mocha|ava)["']/.exec(text)?.[1]).find(Boolean);
  return imported ? (IMPORTED[imported] ?? null) : null;
}

function detectPython(files: ReadonlyMap<string, string>): TestFramework | null {
  for (const [path, text] of files) {
    const name = posix.basename(path);
    if (name === "pytest.ini" || name === "conftest.py") return "pytest";
    if (/^(?:pyproject\.toml|setup\.cfg|tox\.ini|setup\.py|requirements.*\.txt|Pipfile)$/.test(name) && /(?:^|[\s"'[:])pytest\b/m.test(text)) return "pytest";
  }
  const tests = [...files].filter(([path]) => path.endsWith(".py")).map(([, text]) => text);
  if (tests.some((text) => /^\s*(?:import|from)\s+pytest\b/m.test(text))) return "pytest";
  return tests.some((text) => /^\s*(?:import|from)\s+unittest\b/m.test(text)) ? "unittest" : null;
}

function detectJvm(files: ReadonlyMap<string, string>, language: LanguageName): TestFramework | null {
  const builds = [...files].filter(([path]) => /(?:^|\/)(?:build\.gradle(?:\.kts)?|pom\.xml)$/.test(path)).map(([, text]) => text);
  if (language === "kotlin" && builds.some((text) => /io\.kotest/.test(text))) return "kotest";
  return builds.some((text) => /junit|useJUnitPlatform|kotlin\(\s*"test/i.test(text)) ? "junit" : null;
}

function detectCsharp(files: ReadonlyMap<string, string>): TestFramework | null {
  const projects = [...files].filter(([path]) => path.endsWith(".csproj")).map(([, text]) => text);
  const referenced = (name: RegExp) => projects.some((text) => name.test(text));
  if (referenced(/Include="xunit/i)) return "xunit";
  if (referenced(/Include="NUnit/i)) return "nunit";
  return referenced(/Include="MSTest/i) ? "mstest" : null;
}

export function detectTestFramework({ language, files, near }: FrameworkQuery): TestFramework | null {
  switch (language) {
    case "typescript":
    case "tsx":
    case "javascript":
      return detectJs(files, near);
    case "python":
      return detectPython(files);
    case "java":
    case "kotlin":
      return detectJvm(files, language);
    case "csharp":
      return detectCsharp(files);
    case "go":
      return "go-testing";
  }
}

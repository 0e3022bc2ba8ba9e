// Whether a test file can see a source module, by each language's own rules:
// JS/TS imports it by path; Python imports its dotted module (absolute or
// relative); Go shares its directory (the package) or imports its path;
// Java/Kotlin share its package or import its class or package; C# shares or
// nests in its namespace, or has a `using` for it. Returns the imports that
// link them (a shared package reads as one importing the whole module).

import { posix } from "node:path";

import type { LanguageName } from "../languages/language-names.js";
import type { CodeFacts } from "./read-code-facts.js";
import type { ModuleImport } from "./read-imports.js";
import { specifierNamesFile } from "./resolve-js-specifier.js";

export interface LinkedFile {
  path: string;
  language: LanguageName;
  facts: CodeFacts;
}

const samePackage = (packageName: string): ModuleImport[] => [{ module: packageName, names: [], wholeModule: true }];

/** `src/pkg/mod.py` → ["src", "pkg", "mod"]; a package's `__init__.py` is the package itself. */
function pythonModulePath(path: string): string[] {
  const segments = path.replace(/\.pyi?$/, "").split("/");
  if (segments[segments.length - 1] === "__init__") segments.pop();
  return segments;
}

const endsWith = (whole: string[], tail: string[]): boolean => tail.length > 0 && tail.length <= whole.length && tail.every((part, index) => whole[whole.length - tail.length + index] === part);

function pythonImportNames(testPath: string, imported: ModuleImport, module: string[]): boolean {
  const dots = /^\.*/.exec(imported.module)?.[0].length ?? 0;
  const named = imported.module.slice(dots).split(".").filter(Boolean);
  const candidates = [named, ...imported.names.map((name) => [...named, ...name.split(".")])];
  if (dots === 0) return candidates.some((candidate) => endsWith(module, candidate));
  // Relative: one dot is the test's own package, each further dot one package up.
  const base = posix.dirname(testPath).split("/").filter((part) => part !== ".");
  const anchor = base.slice(0, Math.max(0, base.length - (dots - 1)));
  return candidates.some((candidate) => [...anchor, ...candidate].join("/") === module.join("/"));
}

function linkPython(test: LinkedFile, source: LinkedFile): ModuleImport[] {
  const module = pythonModulePath(source.path);
  return test.facts.imports.filter((imported) => pythonImportNames(test.path, imported, module));
}

function linkGo(test: LinkedFile, source: LinkedFile): ModuleImport[] {
  const directory = posix.dirname(source.path);
  if (posix.dirname(test.path) === directory) return samePackage(directory);
  if (directory === ".") return [];
  return test.facts.imports.filter((imported) => imported.module === directory || imported.module.endsWith(`/${directory}`));
}

/** The source's package: as declared, else read from a `src/main/java/…`-style path. */
function jvmPackage(source: LinkedFile): string {
  const declared = source.facts.packages[0];
  if (declared !== undefined) return declared;
  const match = /(?:^|\/)src\/\w+\/(?:java|kotlin)\/(.+)\/[^/]+$/.exec(source.path);
  return match?.[1]?.replace(/\//g, ".") ?? "";
}

function linkJvm(test: LinkedFile, source: LinkedFile): ModuleImport[] {
  const packageName = jvmPackage(source);
  if (test.facts.packages.includes(packageName)) return samePackage(packageName);
  const className = posix.basename(source.path).replace(/\.\w+$/, "");
  return test.facts.imports.filter(({ module, wholeModule }) => {
    if (wholeModule && module === packageName) return true;
    const member = module.startsWith(`${packageName}.`) ? module.slice(packageName.length + 1) : null;
    // `pkg.Class`, `pkg.Class.member` (static), or a Kotlin top-level function `pkg.function`.
    return member !== null && (member === className || member.startsWith(`${className}.`) || (source.language === "kotlin" && !member.includes(".")));
  });
}

function linkCsharp(test: LinkedFile, source: LinkedFile): ModuleImport[] {
  for (const namespace of source.facts.packages) {
    // Code in a namespace sees the types of every namespace it is nested in.
    if (test.facts.packages.some((own) => own === namespace || own.startsWith(`${namespace}.`))) return samePackage(namespace);
  }
  // `using Acme.Payments;` or `using static Acme.Payments.Ledger;`
  const className = posix.basename(source.path).replace(/\.\w+$/, "");
  return test.facts.imports.filter(({ module }) => source.facts.packages.some((namespace) => module === namespace || module === `${namespace}.${className}`));
}

function linkJs(test: LinkedFile, source: LinkedFile): ModuleImport[] {
  return test.facts.imports.filter((imported) => specifierNamesFile(test.path, imported.module, source.path));
}

const LINKERS: Readonly<Record<LanguageName, (test: LinkedFile, source: LinkedFile) => ModuleImport[]>> = {
  typescript: linkJs,
  tsx: linkJs,
  javascript: linkJs,
  python: linkPython,
  go: linkGo,
  java: linkJvm,
  kotlin: linkJvm,
  csharp: linkCsharp,
};

export function linkTestToModule(test: LinkedFile, source: LinkedFile): ModuleImport[] {
  return LINKERS[source.language](test, source);
}

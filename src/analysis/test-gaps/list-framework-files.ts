// Which files at the head say how a module is tested: the manifests in its
// folder and every folder above it (package.json; pyproject.toml,
// requirements*.txt, setup.cfg, pytest.ini, tox.ini, conftest.py;
// build.gradle(.kts), pom.xml), and the test projects' *.csproj files. Only
// files the head's list holds, nearest first, a few at most.

import { posix } from "node:path";

import { languageForPath } from "../languages.js";

const MANIFESTS: Readonly<Record<string, RegExp>> = {
  js: /^package\.json$/,
  python: /^(?:pyproject\.toml|requirements[\w.-]*\.txt|setup\.cfg|pytest\.ini|tox\.ini|conftest\.py)$/,
  jvm: /^(?:build\.gradle(?:\.kts)?|pom\.xml)$/,
};

const GROUP: Readonly<Record<string, keyof typeof MANIFESTS | "csharp">> = {
  typescript: "js",
  tsx: "js",
  javascript: "js",
  python: "python",
  java: "jvm",
  kotlin: "jvm",
  csharp: "csharp",
};

const MAX_FILES = 8;

function foldersAbove(path: string): string[] {
  const folders: string[] = [];
  for (let folder = posix.dirname(path); ; folder = posix.dirname(folder)) {
    folders.push(folder === "." ? "" : `${folder}/`);
    if (folder === "." || folder === "/") return folders;
  }
}

export function listFrameworkFiles(repoPaths: readonly string[], sourcePaths: readonly string[]): string[] {
  const byFolder = new Map<string, string[]>();
  for (const path of repoPaths) {
    const folder = posix.dirname(path) === "." ? "" : `${posix.dirname(path)}/`;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), path]);
  }
  const wanted = new Set<string>();
  for (const source of sourcePaths) {
    const language = languageForPath(source);
    const group = language ? GROUP[language] : undefined;
    if (group === "csharp") {
      for (const path of repoPaths) if (/tests?[^/]*\.csproj$/i.test(path)) wanted.add(path);
      continue;
    }
    const manifest = group ? MANIFESTS[group] : undefined;
    if (!manifest) continue;
    for (const folder of foldersAbove(source)) {
      for (const path of byFolder.get(folder) ?? []) if (manifest.test(posix.basename(path))) wanted.add(path);
    }
  }
  return [...wanted].slice(0, MAX_FILES);
}

// Real pull requests of honojs/hono from ../shared/corpus/hono.jsonl (or the
// committed copy in test/fixtures/corpus when the shared folder is absent), shaped
// the way the pipeline receives them from GitHub: per-file patches without
// headers, additions/deletions counted, head texts by path.

import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

import type { ChangedFile } from "../../src/core/diff.js";

export interface CorpusFile {
  status: "added" | "modified" | "removed" | "renamed";
  path: string;
  previousPath: string | null;
  /** Full texts; null where absent, binary or over 400 kB. */
  before: string | null;
  after: string | null;
}

export interface CorpusPullRequest {
  repo: string;
  sha: string;
  title: string;
  changedLines: number;
  /** The whole change as `git show -M -U3` prints it. */
  patch: string;
  files: CorpusFile[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CORPUS_PATH = resolve(repoRoot, "../shared/corpus/hono.jsonl");
const CORPUS_COPY_PATH = resolve(repoRoot, "test/fixtures/corpus/hono.jsonl.gz");

let cached: CorpusPullRequest[] | undefined;

/** All corpus pull requests, read once per process. */
export function loadCorpus(): CorpusPullRequest[] {
  if (cached) return cached;
  cached = readCorpusText()
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CorpusPullRequest);
  return cached;
}

/** The other languages' corpora: 25 real PRs each, gzip JSONL in ../shared/corpus (or a committed sample in test/fixtures/corpus). */
export const CORPUS_LANGUAGES = ["python", "java", "kotlin", "csharp", "go"] as const;
export type CorpusLanguage = (typeof CORPUS_LANGUAGES)[number];

const languageCorpora = new Map<CorpusLanguage, CorpusPullRequest[]>();

/** One language's corpus pull requests, read once per process. */
export function loadLanguageCorpus(language: CorpusLanguage): CorpusPullRequest[] {
  let corpus = languageCorpora.get(language);
  if (corpus) return corpus;
  const shared = resolve(repoRoot, `../shared/corpus/${language}.jsonl.gz`);
  const copy = resolve(repoRoot, `test/fixtures/corpus/${language}.jsonl.gz`);
  const path = [shared, copy].find((candidate) => existsSync(candidate));
  if (!path) throw new Error(`The ${language} corpus is missing: expected ${shared} or its copy ${copy}.`);
  corpus = gunzipSync(readFileSync(path))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CorpusPullRequest);
  languageCorpora.set(language, corpus);
  return corpus;
}

function readCorpusText(): string {
  if (existsSync(CORPUS_PATH)) return readFileSync(CORPUS_PATH, "utf8");
  if (existsSync(CORPUS_COPY_PATH)) return gunzipSync(readFileSync(CORPUS_COPY_PATH)).toString("utf8");
  throw new Error(`The review corpus is missing: expected ${CORPUS_PATH} or its copy ${CORPUS_COPY_PATH}.`);
}

interface PatchSection {
  path: string;
  previousPath?: string;
  binary: boolean;
  /** Hunks only, as GitHub's per-file `patch`; empty when there are none. */
  body: string;
  additions: number;
  deletions: number;
}

/** The PR's changed files as GitHub's pulls.listFiles would report them. */
export function corpusChangedFiles(pr: CorpusPullRequest): ChangedFile[] {
  const sections = new Map(splitPatch(pr.patch).map((section) => [section.path, section]));
  return pr.files.map((file) => {
    const section = sections.get(file.path);
    const changed: ChangedFile = {
      path: file.path,
      status: file.status,
      additions: section?.additions ?? 0,
      deletions: section?.deletions ?? 0,
    };
    const previousPath = file.previousPath ?? section?.previousPath;
    if (previousPath) changed.previousPath = previousPath;
    if (section && !section.binary && section.body !== "") changed.patch = section.body;
    return changed;
  });
}

/** The head (after) text of a file in the PR, or null when removed, binary or absent. */
export function corpusHeadText(pr: CorpusPullRequest, path: string): string | null {
  return pr.files.find((file) => file.path === path)?.after ?? null;
}

/** Split a multi-file `git show` diff into per-file sections with headers stripped. */
export function splitPatch(patch: string): PatchSection[] {
  const sections: PatchSection[] = [];
  let current: (PatchSection & { lines: string[]; inHunks: boolean }) | null = null;
  const finish = (): void => {
    if (!current) return;
    const { lines, inHunks: _inHunks, ...section } = current;
    sections.push({ ...section, body: lines.join("\n").replace(/\n+$/, "") });
  };
  for (const line of patch.split("\n")) {
    if (line.startsWith("diff --git ")) {
      finish();
      const path = unquote(line.slice(line.lastIndexOf(" b/") + 3));
      current = { path, binary: false, body: "", additions: 0, deletions: 0, lines: [], inHunks: false };
      continue;
    }
    if (!current) continue;
    if (!current.inHunks) {
      if (line.startsWith("@@")) {
        current.inHunks = true;
        current.lines.push(line);
      } else if (line.startsWith("rename from ")) current.previousPath = line.slice("rename from ".length);
      else if (line.startsWith("rename to ")) current.path = line.slice("rename to ".length);
      else if (line.startsWith("+++ b/")) current.path = line.slice("+++ b/".length);
      else if (line.startsWith("Binary files ") || line === "GIT binary patch") current.binary = true;
      continue;
    }
    current.lines.push(line);
    if (line.startsWith("+")) current.additions++;
    else if (line.startsWith("-")) current.deletions++;
  }
  finish();
  return sections;
}

function unquote(path: string): string {
  return path.replace(/^"|"$/g, "");
}

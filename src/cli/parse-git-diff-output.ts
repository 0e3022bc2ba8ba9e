// Turns the output of `git diff -z --name-status`, `git diff -z --numstat`
// and a full `git diff` of the same range into ChangedFile records shaped
// like GitHub's pulls.listFiles: statuses mapped, per-file patches without
// the `diff --git`/index/---/+++ headers, no patch for binary files. Pure.

import { countOf } from "../core/count-of.js";
import type { ChangedFile } from "../core/diff.js";

export interface GitDiffOutput {
  /** `git diff -z --name-status -M base head` */
  nameStatus: string;
  /** `git diff -z --numstat -M base head` */
  numstat: string;
  /** `git diff -M -U3 base head` (same options, so files come in the same order) */
  patch: string;
}

interface NameStatusEntry {
  status: ChangedFile["status"];
  path: string;
  previousPath?: string;
}

export function parseGitDiffOutput(output: GitDiffOutput): ChangedFile[] {
  const entries = parseNameStatus(output.nameStatus);
  const counts = parseNumstat(output.numstat);
  const sections = splitDiff(output.patch);
  // Both commands walk the same diff queue, so the sections line up with the entries.
  if (sections.length !== entries.length) {
    throw new Error(`git diff listed ${countOf(entries.length, "file")} but printed ${countOf(sections.length, "patch section")}`);
  }
  return entries.map((entry, index) => {
    const section = sections[index] as DiffSection;
    const count = counts.get(entry.path);
    const file: ChangedFile = {
      path: entry.path,
      status: entry.status,
      additions: count?.additions ?? section.additions,
      deletions: count?.deletions ?? section.deletions,
    };
    if (entry.previousPath !== undefined) file.previousPath = entry.previousPath;
    if (!section.binary && section.hunks !== "") file.patch = section.hunks;
    return file;
  });
}

/** Git's status letters → GitHub's words. */
function mapStatus(letter: string): ChangedFile["status"] {
  switch (letter) {
    case "A":
      return "added";
    case "D":
      return "removed";
    case "R":
      return "renamed";
    case "C":
      return "copied";
    case "T":
      return "changed";
    default:
      return "modified";
  }
}

function parseNameStatus(text: string): NameStatusEntry[] {
  const tokens = text.split("\0");
  const entries: NameStatusEntry[] = [];
  for (let i = 0; i < tokens.length; ) {
    const code = tokens[i++] ?? "";
    if (code === "") continue;
    const letter = code[0] ?? "M";
    if (letter === "R" || letter === "C") {
      const previousPath = tokens[i++] ?? "";
      const path = tokens[i++] ?? "";
      entries.push({ status: mapStatus(letter), path, previousPath });
    } else {
      entries.push({ status: mapStatus(letter), path: tokens[i++] ?? "" });
    }
  }
  return entries;
}

/** Additions/deletions by (new) path; binary files count 0/0 as on GitHub. */
function parseNumstat(text: string): Map<string, { additions: number; deletions: number }> {
  const tokens = text.split("\0");
  const counts = new Map<string, { additions: number; deletions: number }>();
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i++] ?? "";
    if (token === "") continue;
    const [added = "-", deleted = "-", inlinePath = ""] = token.split("\t");
    // A rename prints an empty path, then the old and the new path as their own tokens.
    let path = inlinePath;
    if (inlinePath === "") {
      i++;
      path = tokens[i++] ?? "";
    }
    counts.set(path, { additions: toCount(added), deletions: toCount(deleted) });
  }
  return counts;
}

function toCount(text: string): number {
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : 0;
}

interface DiffSection {
  binary: boolean;
  /** From the first `@@` to the end of the file's section, without a trailing newline. */
  hunks: string;
  additions: number;
  deletions: number;
}

function splitDiff(text: string): DiffSection[] {
  const sections: DiffSection[] = [];
  let current: { binary: boolean; lines: string[]; inHunks: boolean; additions: number; deletions: number } | null = null;
  const finish = () => {
    if (!current) return;
    sections.push({
      binary: current.binary,
      hunks: current.lines.join("\n"),
      additions: current.additions,
      deletions: current.deletions,
    });
  };
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const line of lines) {
    if (line.startsWith("diff --git ") || line.startsWith("diff --cc ")) {
      finish();
      current = { binary: false, lines: [], inHunks: false, additions: 0, deletions: 0 };
      continue;
    }
    if (!current) continue;
    if (!current.inHunks) {
      if (line.startsWith("@@")) {
        current.inHunks = true;
        current.lines.push(line);
      } else if (line.startsWith("Binary files ") || line === "GIT binary patch") {
        current.binary = true;
      }
      continue;
    }
    current.lines.push(line);
    if (line.startsWith("+")) current.additions++;
    else if (line.startsWith("-")) current.deletions++;
  }
  finish();
  return sections;
}

// An incremental review's files: the pull request's own files and hunks (so
// comments stay anchored to the pull request's diff), narrowed to those that
// the commits since the last reviewed head touched. A file the new commits
// changed but the pull request does not (a merge from the base branch) is
// not the pull request's change and drops out.

import type { ChangedFile } from "../core/diff.js";

interface LineRange {
  from: number;
  to: number;
}

/** The pull request's files whose hunks overlap what changed since the last review, each with only those hunks. */
export function narrowToChanges(pullFiles: ChangedFile[], sinceFiles: ChangedFile[]): ChangedFile[] {
  const since = new Map(sinceFiles.map((file) => [file.path, file]));
  const narrowed: ChangedFile[] = [];
  for (const file of pullFiles) {
    const newer = since.get(file.path);
    if (!newer) continue;
    // Without both patches (binary, too large) the hunks cannot be matched: the file is kept whole.
    if (file.patch === undefined || newer.patch === undefined) {
      narrowed.push(file);
      continue;
    }
    const touched = changedRanges(newer.patch);
    const hunks = splitHunks(file.patch).filter((hunk) => touched.some((range) => overlaps(range, newSideRange(hunk))));
    if (hunks.length > 0) narrowed.push({ ...file, patch: hunks.join("\n") });
  }
  return narrowed;
}

/** The hunks of a file's patch, each starting at its "@@" header. */
function splitHunks(patch: string): string[] {
  const hunks: string[] = [];
  for (const line of patch.split("\n")) {
    if (line.startsWith("@@") || hunks.length === 0) hunks.push(line);
    else hunks[hunks.length - 1] += `\n${line}`;
  }
  return hunks.filter((hunk) => hunk.startsWith("@@"));
}

function newSideRange(hunk: string): LineRange {
  const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(hunk);
  const start = Number(match?.[1] ?? 0);
  const length = Number(match?.[2] ?? 1);
  return { from: start, to: start + Math.max(length, 1) - 1 };
}

/** New-side lines the patch added, and the place of each deletion (the new line it sits before). */
function changedRanges(patch: string): LineRange[] {
  const ranges: LineRange[] = [];
  let next = 0;
  for (const line of patch.split("\n")) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line);
    if (header) next = Number(header[1]);
    else if (line.startsWith("+")) ranges.push({ from: next, to: next++ });
    else if (line.startsWith("-")) ranges.push({ from: Math.max(next - 1, 1), to: next });
    else if (!line.startsWith("\\")) next += 1;
  }
  return ranges;
}

function overlaps(a: LineRange, b: LineRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

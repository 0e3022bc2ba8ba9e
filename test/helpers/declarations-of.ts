// Runs the analysis on a head text as if the given lines had been added, and
// says what it found in one line per declaration, for tests that read like
// the code they test.

import { analyzeFile } from "../../src/analysis/analyze-file.js";
import type { FileAnalysis } from "../../src/analysis/types.js";
import type { DiffLine, FileDiff, Hunk } from "../../src/core/diff.js";

/** A diff of `head` in which each of `added` (1-based lines) was added, one hunk per run of lines. */
export function diffAddingLines(path: string, head: string, added: number[]): FileDiff {
  const lines = head.split("\n");
  const runs: number[][] = [];
  for (const line of [...added].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === line - 1) run.push(line);
    else runs.push([line]);
  }
  const hunks: Hunk[] = runs.map((run) => {
    const first = run[0] ?? 1;
    const body: DiffLine[] = run.map((line) => ({ kind: "add", newLine: line, text: lines[line - 1] ?? "" }));
    return { oldStart: first, oldLines: 0, newStart: first, newLines: run.length, header: `@@ -${first},0 +${first},${run.length} @@`, lines: body };
  });
  return { path, status: "modified", hunks, patchMissing: false };
}

/** The analysis of `head` with `added` lines changed. */
export function analyzeAdded(path: string, head: string, added: number[]): FileAnalysis {
  return analyzeFile(diffAddingLines(path, head, added), head);
}

/** "kind name start-end", with " exported" for the public surface, per declaration found. */
export function declarationsOf(path: string, head: string, added: number[]): string[] {
  return analyzeAdded(path, head, added).declarations.map(
    (found) => `${found.kind} ${found.name} ${found.startLine}-${found.endLine}${found.exported ? " exported" : ""}`,
  );
}

/** The 1-based number of the first line of `text` that contains `needle` (tests name lines by content, not by count). */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`No line contains ${JSON.stringify(needle)}`);
  return index + 1;
}

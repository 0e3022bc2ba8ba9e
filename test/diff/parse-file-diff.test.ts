// parseFileDiff: GitHub's header-less per-file patches → numbered hunks.

import { describe, expect, it } from "vitest";

import type { ChangedFile } from "../../src/core/diff.js";
import { changedPoints } from "../../src/diff/changed-points.js";
import { commentableLines } from "../../src/diff/commentable-lines.js";
import { parseFileDiff } from "../../src/diff/parse-file-diff.js";
import { corpusChangedFiles, loadCorpus } from "../helpers/corpus.js";

const modified = (patch: string, extra: Partial<ChangedFile> = {}): ChangedFile => ({
  path: "src/app.ts",
  status: "modified",
  additions: 1,
  deletions: 1,
  patch,
  ...extra,
});

describe("parseFileDiff", () => {
  it("numbers added, deleted and context lines on their own sides", () => {
    const diff = parseFileDiff(
      modified(["@@ -10,4 +10,5 @@ export function run() {", "   const a = 1;", "-  const b = 2;", "+  const b = 3;", "+  const c = 4;", "   return a;", " }"].join("\n")),
    );
    expect(diff.patchMissing).toBe(false);
    expect(diff.hunks).toHaveLength(1);
    const [hunk] = diff.hunks;
    expect(hunk).toMatchObject({ oldStart: 10, oldLines: 4, newStart: 10, newLines: 5, header: "@@ -10,4 +10,5 @@ export function run() {" });
    expect(hunk?.lines).toEqual([
      { kind: "context", oldLine: 10, newLine: 10, text: "  const a = 1;" },
      { kind: "del", oldLine: 11, text: "  const b = 2;" },
      { kind: "add", newLine: 11, text: "  const b = 3;" },
      { kind: "add", newLine: 12, text: "  const c = 4;" },
      { kind: "context", oldLine: 12, newLine: 13, text: "  return a;" },
      { kind: "context", oldLine: 13, newLine: 14, text: "}" },
    ]);
  });

  it("parses several hunks, each with its own numbering", () => {
    const diff = parseFileDiff(modified(["@@ -1,2 +1,2 @@", "-a", "+A", " b", "@@ -40,2 +40,3 @@ class X {", " y", "+z", " w"].join("\n")));
    expect(diff.hunks.map((hunk) => [hunk.newStart, hunk.lines.length])).toEqual([
      [1, 3],
      [40, 3],
    ]);
    expect(diff.hunks[1]?.lines[1]).toEqual({ kind: "add", newLine: 41, text: "z" });
  });

  it("reads an added file as one hunk of added lines", () => {
    const diff = parseFileDiff({ path: "src/new.ts", status: "added", additions: 2, deletions: 0, patch: "@@ -0,0 +1,2 @@\n+export const a = 1;\n+export const b = 2;" });
    expect(diff.status).toBe("added");
    expect(diff.hunks[0]?.lines.map((line) => [line.kind, line.newLine])).toEqual([
      ["add", 1],
      ["add", 2],
    ]);
  });

  it("reads a removed file as deleted lines only", () => {
    const diff = parseFileDiff({ path: "src/old.ts", status: "removed", additions: 0, deletions: 2, patch: "@@ -1,2 +0,0 @@\n-one\n-two" });
    expect(diff.hunks[0]?.lines).toEqual([
      { kind: "del", oldLine: 1, text: "one" },
      { kind: "del", oldLine: 2, text: "two" },
    ]);
    expect(commentableLines(diff)).toEqual({ RIGHT: new Set(), LEFT: new Set([1, 2]) });
  });

  it("keeps previousPath of a renamed file with a content change", () => {
    const diff = parseFileDiff(modified("@@ -3,1 +3,1 @@\n-old\n+new", { path: "src/b.ts", previousPath: "src/a.ts", status: "renamed" }));
    expect(diff).toMatchObject({ path: "src/b.ts", previousPath: "src/a.ts", status: "renamed", patchMissing: false });
    expect(diff.hunks[0]?.lines).toHaveLength(2);
  });

  it("treats a pure rename (no patch, nothing changed) as having nothing to show, not as a missing patch", () => {
    const diff = parseFileDiff({ path: "src/b.ts", previousPath: "src/a.ts", status: "renamed", additions: 0, deletions: 0 });
    expect(diff).toEqual({ path: "src/b.ts", previousPath: "src/a.ts", status: "renamed", hunks: [], patchMissing: false });
  });

  it("marks a file GitHub sent without a patch (binary or too large)", () => {
    expect(parseFileDiff({ path: "logo.png", status: "modified", additions: 0, deletions: 0 })).toMatchObject({ hunks: [], patchMissing: true });
    expect(parseFileDiff({ path: "huge.ts", status: "modified", additions: 9000, deletions: 10, patch: "" })).toMatchObject({
      hunks: [],
      patchMissing: true,
    });
  });

  it("does not count '\\ No newline at end of file' as a line", () => {
    const diff = parseFileDiff(modified(["@@ -1,2 +1,2 @@", " first", "-last", "\\ No newline at end of file", "+last;", "\\ No newline at end of file"].join("\n")));
    expect(diff.hunks[0]?.lines).toEqual([
      { kind: "context", oldLine: 1, newLine: 1, text: "first" },
      { kind: "del", oldLine: 2, text: "last" },
      { kind: "add", newLine: 2, text: "last;" },
    ]);
  });

  it("handles a marker that ends the hunk after the counts are used up", () => {
    const diff = parseFileDiff(modified(["@@ -5,1 +5,1 @@", "-a", "+b", "\\ No newline at end of file"].join("\n")));
    expect(diff.hunks[0]?.lines.map((line) => line.text)).toEqual(["a", "b"]);
  });

  it("strips CRLF line endings from texts and still sees the no-newline marker", () => {
    const diff = parseFileDiff(modified(["@@ -1,2 +1,2 @@", " keep", "-old", "+new", "\\ No newline at end of file", ""].join("\r\n")));
    expect(diff.hunks[0]?.lines).toEqual([
      { kind: "context", oldLine: 1, newLine: 1, text: "keep" },
      { kind: "del", oldLine: 2, text: "old" },
      { kind: "add", newLine: 2, text: "new" },
    ]);
  });

  it("reads lines whose text looks like a file header as content", () => {
    const diff = parseFileDiff(modified(["@@ -1,2 +1,2 @@", "--- a comment deleted", "+++ counter", " diff --git is text here"].join("\n")));
    expect(diff.hunks[0]?.lines.map((line) => [line.kind, line.text])).toEqual([
      ["del", "-- a comment deleted"],
      ["add", "++ counter"],
      ["context", "diff --git is text here"],
    ]);
  });

  it("matches GitHub's own counts on every file of the corpus", () => {
    for (const pr of loadCorpus()) {
      for (const file of corpusChangedFiles(pr)) {
        const diff = parseFileDiff(file);
        const lines = diff.hunks.flatMap((hunk) => hunk.lines);
        expect(lines.filter((line) => line.kind === "add")).toHaveLength(file.additions);
        expect(lines.filter((line) => line.kind === "del")).toHaveLength(file.deletions);
        for (const hunk of diff.hunks) {
          expect(hunk.lines.filter((line) => line.kind !== "add")).toHaveLength(hunk.oldLines);
          expect(hunk.lines.filter((line) => line.kind !== "del")).toHaveLength(hunk.newLines);
        }
      }
    }
  });
});

describe("commentableLines", () => {
  it("offers new-side numbers of added and context lines on RIGHT, old-side numbers of deleted lines on LEFT", () => {
    const diff = parseFileDiff(modified(["@@ -10,3 +10,3 @@", " a", "-b", "+B", " c", "@@ -50,1 +50,2 @@", " x", "+y"].join("\n")));
    const { RIGHT, LEFT } = commentableLines(diff);
    expect([...RIGHT].sort((a, b) => a - b)).toEqual([10, 11, 12, 50, 51]);
    expect([...LEFT]).toEqual([11]);
  });

  it("offers nothing for a file without hunks", () => {
    expect(commentableLines(parseFileDiff({ path: "a.bin", status: "modified", additions: 0, deletions: 0 }))).toEqual({
      RIGHT: new Set(),
      LEFT: new Set(),
    });
  });
});

describe("changedPoints", () => {
  it("lists added lines and the gap each run of deletions left in the new version", () => {
    const diff = parseFileDiff(modified(["@@ -10,6 +10,4 @@", " a", "-b", "-c", " d", "+D", " e", "-f"].join("\n")));
    const hunk = diff.hunks[0];
    if (!hunk) throw new Error("no hunk");
    expect(changedPoints(hunk)).toEqual({ added: [12], deletions: [{ before: 10, after: 11 }, { before: 13, after: 14 }] });
    // A window of the hunk starts from the last new-side line before it.
    expect(changedPoints(hunk, 5)).toEqual({ added: [], deletions: [{ before: 13, after: 14 }] });
  });

  it("places a deletion-only hunk after the line its header names", () => {
    const diff = parseFileDiff(modified("@@ -5,2 +4,0 @@\n-x\n-y"));
    const hunk = diff.hunks[0];
    if (!hunk) throw new Error("no hunk");
    expect(changedPoints(hunk)).toEqual({ added: [], deletions: [{ before: 4, after: 5 }] });
  });
});

import { describe, expect, it } from "vitest";

import type { ProposedComment } from "../../src/core/comments.js";
import type { FileDiff } from "../../src/core/diff.js";
import { anchorComments } from "../../src/review/anchor-comments.js";

// Hunk: old lines 10-14, new lines 10-15.
//  10 10   context a
//  11    - deleted b
//     11 + added b1
//     12 + added b2
//  12 13   context c
//  13 14   context d
//  14    - deleted e
//     15 + added e1
const diff: FileDiff = {
  path: "src/a.ts",
  status: "modified",
  patchMissing: false,
  hunks: [
    {
      oldStart: 10,
      oldLines: 5,
      newStart: 10,
      newLines: 6,
      header: "@@ -10,5 +10,6 @@",
      lines: [
        { kind: "context", oldLine: 10, newLine: 10, text: "a" },
        { kind: "del", oldLine: 11, text: "b" },
        { kind: "add", newLine: 11, text: "b1" },
        { kind: "add", newLine: 12, text: "b2" },
        { kind: "context", oldLine: 12, newLine: 13, text: "c" },
        { kind: "context", oldLine: 13, newLine: 14, text: "d" },
        { kind: "del", oldLine: 14, text: "e" },
        { kind: "add", newLine: 15, text: "e1" },
      ],
    },
    {
      oldStart: 40,
      oldLines: 1,
      newStart: 41,
      newLines: 2,
      header: "@@ -40,1 +41,2 @@",
      lines: [
        { kind: "context", oldLine: 40, newLine: 41, text: "x" },
        { kind: "add", newLine: 42, text: "y" },
      ],
    },
  ],
};
const diffs = new Map([[diff.path, diff]]);

function comment(overrides: Partial<ProposedComment>): ProposedComment {
  return { path: "src/a.ts", line: 11, side: "RIGHT", severity: "major", category: "bug", body: "x", source: "model", ...overrides };
}

describe("anchorComments", () => {
  it("keeps comments on added and context lines of the right side", () => {
    const { anchored, dropped } = anchorComments([comment({ line: 12 }), comment({ line: 14 })], diffs);
    expect(anchored.map((c) => [c.line, c.movedBy])).toEqual([[12, 0], [14, 0]]);
    expect(dropped).toEqual([]);
  });

  it("keeps left-side comments only on deleted lines", () => {
    const { anchored } = anchorComments([comment({ side: "LEFT", line: 11 }), comment({ side: "LEFT", line: 14 })], diffs);
    expect(anchored.map((c) => [c.side, c.line])).toEqual([["LEFT", 11], ["LEFT", 14]]);
  });

  it("moves a left-side comment on a context line to the nearest deleted line", () => {
    const { anchored } = anchorComments([comment({ side: "LEFT", line: 13 })], diffs);
    expect(anchored).toEqual([expect.objectContaining({ side: "LEFT", line: 14, movedBy: 1 })]);
  });

  it("moves a comment a few lines past the hunk to its nearest changed line", () => {
    const { anchored } = anchorComments([comment({ line: 17 })], diffs);
    expect(anchored).toEqual([expect.objectContaining({ line: 15, movedBy: 2 })]);
  });

  it("drops a comment on a line far from every hunk", () => {
    const { anchored, dropped } = anchorComments([comment({ line: 30 })], diffs);
    expect(anchored).toEqual([]);
    expect(dropped[0]?.why).toMatch(/line 30 \(RIGHT\) is not in the diff/);
  });

  it("drops a comment on a file that is not in the change", () => {
    const { dropped } = anchorComments([comment({ path: "src/other.ts" })], diffs);
    expect(dropped[0]?.why).toBe("file is not part of the change");
  });

  it("keeps a multi-line range inside one hunk", () => {
    const { anchored } = anchorComments([comment({ startLine: 11, line: 13 })], diffs);
    expect(anchored[0]).toMatchObject({ startLine: 11, line: 13 });
  });

  it("turns a range that crosses hunks into a single-line comment", () => {
    const { anchored } = anchorComments([comment({ startLine: 13, line: 42 })], diffs);
    expect(anchored[0]).toMatchObject({ line: 42 });
    expect(anchored[0]).not.toHaveProperty("startLine");
  });

  it("drops the range of a comment that had to be moved", () => {
    const { anchored } = anchorComments([comment({ startLine: 14, line: 17 })], diffs);
    expect(anchored[0]).toMatchObject({ line: 15, movedBy: 2 });
    expect(anchored[0]).not.toHaveProperty("startLine");
  });
});

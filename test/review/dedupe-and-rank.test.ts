import { describe, expect, it } from "vitest";

import type { AnchoredComment } from "../../src/core/comments.js";
import { dedupeComments } from "../../src/review/dedupe-comments.js";
import { rankComments } from "../../src/review/rank-comments.js";

function comment(overrides: Partial<AnchoredComment>): AnchoredComment {
  return {
    path: "a.ts",
    line: 5,
    side: "RIGHT",
    severity: "minor",
    category: "bug",
    body: "The loop never terminates when the queue is empty.",
    source: "model",
    movedBy: 0,
    ...overrides,
  };
}

describe("dedupeComments", () => {
  it("merges near-same text at the same place, keeping the higher severity", () => {
    const { kept, merged } = dedupeComments(
      [comment({}), comment({ severity: "critical", body: "This loop never terminates if the queue is empty!" })],
      [],
    );
    expect(merged).toBe(1);
    expect(kept).toEqual([expect.objectContaining({ severity: "critical" })]);
  });

  it("keeps different findings on the same line", () => {
    const { kept } = dedupeComments([comment({}), comment({ body: "Secret token is logged in plain text." })], []);
    expect(kept).toHaveLength(2);
  });

  it("drops what an earlier review of the PR already said nearby", () => {
    const { kept, alreadyPosted } = dedupeComments(
      [comment({ line: 8 }), comment({ line: 40 })],
      [{ path: "a.ts", line: 5, body: "**Minor** · bug\n\nThe loop never terminates when the queue is empty." }],
    );
    expect(alreadyPosted).toBe(1);
    expect(kept.map((c) => c.line)).toEqual([40]);
  });
});

describe("rankComments", () => {
  it("orders by severity then category and caps the inline list", () => {
    const { posted, overflow } = rankComments(
      [
        comment({ line: 1, severity: "nit", category: "style" }),
        comment({ line: 2, severity: "major", category: "maintainability" }),
        comment({ line: 3, severity: "major", category: "security" }),
        comment({ line: 4, severity: "critical", category: "bug" }),
      ],
      2,
    );
    expect(posted.map((c) => c.line)).toEqual([4, 3]);
    expect(overflow.map((c) => c.line)).toEqual([2, 1]);
  });

  it("ranks a rule's finding above the model's of the same severity, so it never overflows behind it", () => {
    const { posted, overflow } = rankComments(
      [
        comment({ path: "a.ts", line: 1, severity: "minor", category: "security", source: "model" }),
        comment({ path: "b.ts", line: 9, severity: "minor", category: "bug", source: "rule:empty-catch" }),
        comment({ path: "c.ts", line: 2, severity: "minor", category: "security", source: "rule:committed-secret" }),
      ],
      2,
    );
    expect(posted.map((c) => c.source)).toEqual(["rule:committed-secret", "rule:empty-catch"]);
    expect(overflow.map((c) => c.source)).toEqual(["model"]);
  });

  it("still puts a model's higher severity above a rule's lower one", () => {
    const { posted } = rankComments(
      [comment({ line: 1, severity: "minor", source: "rule:empty-catch" }), comment({ line: 2, severity: "major" })],
      1,
    );
    expect(posted.map((c) => c.source)).toEqual(["model"]);
  });
});

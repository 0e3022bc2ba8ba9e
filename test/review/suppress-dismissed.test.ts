// Which findings count as "like one the team dismissed": the same rule
// anywhere in the repository; for the model's findings, near-same words in
// the same kind of declaration only.

import { describe, expect, it } from "vitest";

import type { AnchoredComment } from "../../src/core/comments.js";
import { suppressDismissed } from "../../src/review/suppress-dismissed.js";

function finding(body: string, identity: { kind: string; rule: string }): AnchoredComment {
  const source = identity.rule === "-" ? "model" : `rule:${identity.rule}`;
  return { path: "a.ts", line: 1, side: "RIGHT", severity: "minor", category: "bug", body, source, movedBy: 0, identity: { fingerprint: "0".repeat(16), ...identity } };
}

describe("suppressDismissed", () => {
  const words = "The lock is released before the write completes, so two writers can interleave.";

  it("leaves out the same rule whatever the words or place, and counts it", () => {
    const dismissed = [{ rule: "ts.weak-hash", kind: "none", text: "md5" }];
    const { kept, suppressed } = suppressDismissed([finding("MD5 is weak here", { kind: "method", rule: "ts.weak-hash" }), finding("other", { kind: "method", rule: "ts.eval" })], dismissed);
    expect(kept.map((comment) => comment.source)).toEqual(["rule:ts.eval"]);
    expect(suppressed).toBe(1);
  });

  it("leaves out a model finding with near-same words in the same kind of declaration only", () => {
    const dismissed = [{ rule: "-", kind: "function", text: words }];
    const same = finding(`${words} `, { kind: "function", rule: "-" });
    const elsewhere = finding(words, { kind: "class", rule: "-" });
    const different = finding("This query is built by string concatenation and can be injected.", { kind: "function", rule: "-" });
    expect(suppressDismissed([same, elsewhere, different], dismissed)).toEqual({ kept: [elsewhere, different], suppressed: 1 });
  });

  it("a dismissed model finding never silences a rule's finding, nor the other way round", () => {
    const ruleFinding = finding(words, { kind: "function", rule: "ts.race" });
    expect(suppressDismissed([ruleFinding], [{ rule: "-", kind: "function", text: words }]).suppressed).toBe(0);
    expect(suppressDismissed([finding(words, { kind: "function", rule: "-" })], [{ rule: "ts.race", kind: "function", text: words }]).suppressed).toBe(0);
  });
});

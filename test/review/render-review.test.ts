import { describe, expect, it } from "vitest";

import type { AnchoredComment } from "../../src/core/comments.js";
import { renderReview } from "../../src/review/render-review.js";
import { summarizeReview } from "../../src/review/summarize-review.js";
import type { ReviewResult } from "../../src/review/types.js";

const comment: AnchoredComment = {
  path: "src/server.ts",
  line: 42,
  startLine: 40,
  side: "RIGHT",
  severity: "major",
  category: "bug",
  body: "`timeout` is in seconds here but milliseconds in `connect()`.",
  source: "model",
  movedBy: 0,
};

function result(overrides: Partial<ReviewResult> = {}): ReviewResult {
  return {
    label: "acme/api#7",
    headSha: "0123456789abcdef0123456789abcdef01234567",
    summary: "1 inline comment on 1 file (1 major). 2 of 3 changed files reviewed, 1 skipped.",
    comments: [comment],
    overflow: [{ ...comment, line: 50, severity: "nit", body: "Consider a named constant." }],
    skipped: [{ path: "package-lock.json", reason: "lockfile", detail: "lockfile" }],
    model: { name: "qwen2.5-coder:14b", ok: true },
    promptVersion: "test-1",
    stats: {
      filesChanged: 3, filesReviewed: 2, filesSkipped: 1, chunks: 1, promptTokens: 900, commentsProposed: 2,
      commentsInvalid: 0, commentsDropped: 0, commentsMoved: 0, commentsMerged: 0, commentsOverCap: 1,
      commentsPosted: 1, durationMs: 12,
    },
    ...overrides,
  };
}

describe("renderReview", () => {
  it("renders the advisory body and inline comments", () => {
    expect(renderReview(result())).toMatchSnapshot();
  });

  it("carries the head marker and the advisory footer with model and prompt version", () => {
    const { body } = renderReview(result());
    expect(body.startsWith("<!-- foureyes:head=0123456789abcdef0123456789abcdef01234567 -->")).toBe(true);
    expect(body).toMatch(/cannot approve, request changes or block a merge/);
    expect(body).toContain("`qwen2.5-coder:14b`");
    expect(body).toContain("prompt test-1");
    expect(body).toMatch(/React 👍 or 👎 on a comment to say whether it helped\.<\/sub>$/);
  });

  it("says when the model did not answer and when the repo config was invalid", () => {
    const { body } = renderReview(
      result({ model: { name: "m", ok: false, error: "connection refused" }, configError: "maxComments: expected a number" }),
    );
    expect(body).toContain("No model comments:** connection refused");
    expect(body).toContain("Repository settings ignored:** maxComments: expected a number. Every other setting applied.");
  });

  it("keeps hostile file names inert", () => {
    const { body } = renderReview(result({ skipped: [{ path: "a`<img src=x>`.png", reason: "binary" }] }));
    // Shown verbatim inside a code span whose fence is longer than any backtick run in the name.
    expect(body).toContain("- ``a`<img src=x>`.png``: binary");
  });

  it("keeps a rule's id in the overflow, lists removed files apart and writes proper plurals", () => {
    const { body } = renderReview(
      result({
        overflow: [{ ...comment, line: 12, severity: "minor", source: "rule:empty-catch", body: "Empty catch hides the error." }],
        skipped: [
          { path: "package-lock.json", reason: "lockfile", detail: "lockfile" },
          { path: "old.ts", reason: "removed", detail: "file removed; nothing to comment on in the new version" },
        ],
      }),
    );
    expect(body).toContain("<summary>1 more finding over this review's comment limit</summary>");
    expect(body).toContain("- `src/server.ts:12` **Minor** · `empty-catch`: Empty catch hides the error.");
    expect(body).toContain("<summary>1 file not reviewed</summary>");
    expect(body).toContain("<summary>1 file removed</summary>");
    expect(body).not.toMatch(/\(s\)/);
    expect(body.indexOf("old.ts")).toBeGreaterThan(body.indexOf("1 file removed"));
  });

  it("stays under GitHub's body limit with thousands of skipped files", () => {
    const skipped = Array.from({ length: 5000 }, (_, i) => ({ path: `gen/file-${i}.js`, reason: "generated" as const }));
    const { body } = renderReview(result({ skipped }));
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain("… and 4950 more");
  });
});

describe("summarizeReview", () => {
  it("counts findings by severity and files", () => {
    const text = summarizeReview({ posted: [comment, { ...comment, severity: "minor" }], overflow: 0, filesChanged: 3, filesReviewed: 2, filesSkipped: 1, failedChunks: 0, chunks: 1 });
    expect(text).toBe("2 inline comments on 1 file (1 major, 1 minor). 2 of 3 changed files reviewed, 1 skipped.");
  });

  it("says so when nothing was found and when parts of the answer were unusable", () => {
    const text = summarizeReview({ posted: [], overflow: 0, filesChanged: 1, filesReviewed: 1, filesSkipped: 0, failedChunks: 1, chunks: 2 });
    expect(text).toBe("No findings in 1 reviewed file. 1 of 1 changed file reviewed. The model's answer for 1 of 2 parts of the change was unusable and was dropped.");
  });
});

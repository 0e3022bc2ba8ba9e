// The model's words are data: hostile comment bodies, sanitised as the pipeline
// does, then shown on every surface that shows them (the inline comment, the
// overflow list in the review body, the list of comments GitHub would not
// place), rendered by a real CommonMark/GFM renderer and judged on the HTML.

import { describe, expect, it } from "vitest";

import type { AnchoredComment } from "../../src/core/comments.js";
import { COMMENT_MARKER, headMarker } from "../../src/core/markers.js";
import { COMMENT_BODY_MAX_CHARS } from "../../src/core/text-limits.js";
import { appendComments } from "../../src/review/github-review-sink.js";
import { renderComment, renderReview } from "../../src/review/render-review.js";
import { sanitizeCommentBody } from "../../src/review/sanitize-comment-body.js";
import type { ReviewResult } from "../../src/review/types.js";
import { HOSTILE_BODIES, SHA } from "../fixtures/markdown/hostile-bodies.js";
import { judgeRenderedMarkdown } from "../helpers/judge-rendered-markdown.js";

const base: AnchoredComment = {
  path: "src/server.ts",
  line: 42,
  side: "RIGHT",
  severity: "major",
  category: "bug",
  body: "",
  source: "model",
  movedBy: 0,
};

function reviewWithOverflow(comment: AnchoredComment): ReviewResult {
  return {
    label: "acme/api#7",
    headSha: SHA,
    summary: "1 inline comment on 1 file (1 major).",
    comments: [],
    overflow: [comment],
    skipped: [],
    model: { name: "m", ok: true },
    promptVersion: "test-1",
    stats: {
      filesChanged: 1, filesReviewed: 1, filesSkipped: 0, chunks: 1, promptTokens: 1, commentsProposed: 1,
      commentsInvalid: 0, commentsDropped: 0, commentsMoved: 0, commentsMerged: 0, commentsOverCap: 1,
      commentsPosted: 0, durationMs: 1,
    },
    // The focus list and the overflow list link each line under the pull request's address.
    pullUrl: "https://github.example/acme/api/pull/7",
  };
}

const OWN_BODY_HTML = [headMarker(SHA), "<details><summary>", "</summary>", "</details>", "<sub>", "</sub>"];

/** Each place a model comment is shown, judged with the own HTML that place adds. */
const SURFACES: Record<string, (hostile: string) => string[]> = {
  "inline comment": (hostile) => {
    const body = sanitizeCommentBody(hostile);
    return [
      ...judgeRenderedMarkdown(body, { maxChars: COMMENT_BODY_MAX_CHARS }),
      ...judgeRenderedMarkdown(renderComment({ ...base, body }).body, { own: [COMMENT_MARKER] }),
    ];
  },
  "overflow list": (hostile) =>
    judgeRenderedMarkdown(renderReview(reviewWithOverflow({ ...base, body: sanitizeCommentBody(hostile) })).body, { own: OWN_BODY_HTML }),
  // The overflow list holds its own: even a body that skipped the sanitiser cannot break out of its line.
  "overflow list, body not sanitised": (hostile) =>
    judgeRenderedMarkdown(renderReview(reviewWithOverflow({ ...base, body: hostile })).body, { own: OWN_BODY_HTML }),
  "unplaced comments": (hostile) =>
    judgeRenderedMarkdown(appendComments("", [renderComment({ ...base, body: sanitizeCommentBody(hostile) })])),
  "unplaced comments, body not sanitised": (hostile) => judgeRenderedMarkdown(appendComments("", [renderComment({ ...base, body: hostile })])),
};

describe.each(Object.entries(SURFACES))("a hostile model comment shown as %s", (_surface, judge) => {
  it.each(HOSTILE_BODIES)("stays inert: %s", (_what, hostile) => {
    expect(judge(hostile)).toEqual([]);
  });
});

describe("random mixtures of hostile pieces", () => {
  const pieces = [
    "@octocat", "@", "`", "``", "```", "~~~", "\\", "*", "_", "[", "]", "(", ")", "!", "<", ">", "<img src=x>", "<!--", "-->",
    headMarker(SHA), "/approve", "/foureyes review", "\n", "\n\n", "    ", "- ", "1. ", "> ", "# ", "|", "---", "===", "&#64;",
    "&amp;", "http://x.example", "javascript:x", "](", "[x]: ", "\u202E", "\u200B", "a", "b c", ".", "www.x.example", "x@y.example",
    "<details>", "<pre>", "~~", "[^1]", "[ ] ", "| a | b |\n| - | - |\n",
  ];
  /** A fixed linear congruential sequence: the same mixtures on every run. */
  function mixtures(count: number, seed: number): string[] {
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    return Array.from({ length: count }, () =>
      Array.from({ length: 1 + Math.floor(next() * 14) }, () => pieces[Math.floor(next() * pieces.length)]).join(""),
    );
  }

  it.each(Object.entries(SURFACES))("stay inert shown as %s", (_surface, judge) => {
    const failures = mixtures(400, 7).flatMap((hostile) => {
      const problems = judge(hostile);
      return problems.length === 0 ? [] : [{ hostile, problems }];
    });
    expect(failures).toEqual([]);
  });
});

describe("a hostile file name in the list of unplaced comments", () => {
  it("cannot leave its code span", () => {
    const comment = renderComment({ ...base, path: "x`@octocat <img src=x>`y.ts", body: "Fine." });
    expect(judgeRenderedMarkdown(appendComments("", [comment]))).toEqual([]);
  });
});

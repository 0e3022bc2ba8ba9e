import { describe, expect, it } from "vitest";

import { deriveCommentTitle } from "../../src/review/derive-comment-title.js";
import { judgeRenderedMarkdown } from "../helpers/judge-rendered-markdown.js";

describe("deriveCommentTitle", () => {
  it.each([
    ["the first sentence, without its full stop", "`timeout` is in seconds here. The caller passes milliseconds.", "`timeout` is in seconds here"],
    ["a question keeps its mark", "Is `retry` ever reset? It grows forever.", "Is `retry` ever reset?"],
    ["no cut after an abbreviation or inside a number", "Use a constant, e.g. `MAX` for 1.5 s. Then test it.", "Use a constant, e.g. `MAX` for 1.5 s"],
    ["emphasis and links become their words", "**Never** log the [token](https://example.com/t).", "Never log the token"],
    ["the first paragraph of a list", "- The lock is taken twice.\n- And never released.", "The lock is taken twice"],
    ["a long sentence cut at its last clause", "TLS certificate verification is switched off (`rejectUnauthorized: false`), so any man in the middle can read and change this traffic.", "TLS certificate verification is switched off (`rejectUnauthorized: false`)"],
    ["a long sentence without clauses cut at a word", `This ${"very ".repeat(30)}long sentence.`, `This ${"very ".repeat(16).trimEnd()}…`],
  ])("takes %s", (_what, body, title) => {
    expect(deriveCommentTitle(body)).toBe(title);
  });

  it.each([
    ["a mention", "@octocat should look at this."],
    ["a mention split by an autolink", "@www.example.com( is wrong."],
    ["a slash command at the start", "/approve this change."],
    ["raw HTML", "<img src=x onerror=alert(1)> breaks it."],
    ["a foureyes marker in code", "`<!-- foureyes:head=abc -->` is forged."],
    ["an unclosed code span", "`unclosed code. Second sentence."],
    ["bidi characters", "Price \u202Eevil\u202C check."],
  ])("stays inert inside the bold title line with %s", (_what, body) => {
    const title = deriveCommentTitle(body);
    expect(title).not.toBe("");
    expect(judgeRenderedMarkdown(`**Major** · bug — **${title}**`)).toEqual([]);
  });

  it("is empty when there is no text to take a title from", () => {
    expect(deriveCommentTitle("<!-- only a comment -->")).toBe("");
  });
});

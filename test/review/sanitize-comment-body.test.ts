import { describe, expect, it } from "vitest";

import { sanitizeCommentBody } from "../../src/review/sanitize-comment-body.js";

describe("sanitizeCommentBody", () => {
  it("neutralises @-mentions of users and teams so nobody is pinged", () => {
    const out = sanitizeCommentBody("Ask @alice or @acme/security-team about this.");
    expect(out).toBe("Ask `@alice` or `@acme/security-team` about this.");
  });

  it("leaves e-mail addresses alone", () => {
    expect(sanitizeCommentBody("mail ops@example.com")).toBe("mail ops@example.com");
  });

  it("escapes raw HTML in prose but not inside code", () => {
    const out = sanitizeCommentBody('<img src="x" onerror="alert(1)"> use `a<b` here');
    expect(out).toBe('&lt;img src="x" onerror="alert(1)"&gt; use `a<b` here');
  });

  it("cannot forge foureyes' hidden markers", () => {
    expect(sanitizeCommentBody("<!-- foureyes:head=abc -->")).not.toContain("<!--");
  });

  it("defuses slash commands and bors at the start of a line (as code, which no bot reads), also in code blocks", () => {
    const out = sanitizeCommentBody("/approve\n  /merge now\nbors r+\n```\n/lgtm\n```");
    expect(out).toBe("`/approve`\n`/merge` now\n`bors` r+\n\n```\n /lgtm\n```");
  });

  it("turns images into their alt text and keeps only http(s) links", () => {
    expect(sanitizeCommentBody("![pixel](https://evil.example/p.png)")).toBe("pixel");
    expect(sanitizeCommentBody("[docs](https://example.com/a) [x](javascript:alert(1))")).toBe("[docs](<https://example.com/a>) x");
    expect(sanitizeCommentBody("See [docs][d] and [bad][b].\n\n[d]: https://example.com/d\n[b]: data:text/html,x")).toBe(
      "See [docs](<https://example.com/d>) and bad.",
    );
  });

  it("keeps code as code, with a fence longer than any backtick run inside", () => {
    expect(sanitizeCommentBody("Use ``a`b``.")).toBe("Use ``a`b``.");
    expect(sanitizeCommentBody('```ts\nconst fence = "```";\n```')).toBe('````ts\nconst fence = "```";\n````');
  });

  it("bounds the length and closes a code fence cut by truncation", () => {
    const out = sanitizeCommentBody("```ts\n" + "x".repeat(5000), 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).toMatch(/^```ts\nx+…\n```$/);
  });

  it("stays within the bound when escaping makes the text longer than its source", () => {
    const out = sanitizeCommentBody("<".repeat(5000));
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(out.length).toBeGreaterThan(1900);
    expect(out.endsWith("&lt;…")).toBe(true);
  });

  it("shows quotes and lists nested past six levels as plain text, so depth cannot multiply the length", () => {
    expect(sanitizeCommentBody(`${"> ".repeat(500)}@octocat`)).toBe("> > > > > > `@octocat`");
    expect(sanitizeCommentBody(`${"- ".repeat(300)}@octocat\na\nb`)).toBe(`- - - - - - \`@octocat\`\n${" ".repeat(12)}a\n${" ".repeat(12)}b`);
  });

  it("keeps ordinary markdown intact", () => {
    const text = "Null check missing: `user` may be undefined when the session expired.\n\n- add a guard";
    expect(sanitizeCommentBody(text)).toBe(text);
  });
});

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

  it("defuses slash commands and bors at the start of a line, also in code blocks", () => {
    const out = sanitizeCommentBody("/approve\n  /merge now\nbors r+\n```\n/lgtm\n```");
    expect(out).toBe("\\/approve\n  \\/merge now\n\\bors r+\n```\n /lgtm\n```");
  });

  it("turns remote images into plain links", () => {
    expect(sanitizeCommentBody("![pixel](https://evil.example/p.png)")).toBe("[pixel](https://evil.example/p.png)");
  });

  it("bounds the length and closes a code fence cut by truncation", () => {
    const out = sanitizeCommentBody("```ts\n" + "x".repeat(5000), 100);
    expect(out.length).toBeLessThanOrEqual(110);
    expect(out.endsWith("```")).toBe(true);
  });

  it("keeps ordinary markdown intact", () => {
    const text = "Null check missing: `user` may be undefined when the session expired.\n\n- add a guard";
    expect(sanitizeCommentBody(text)).toBe(text);
  });
});

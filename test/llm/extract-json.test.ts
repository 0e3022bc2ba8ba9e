// Lenient JSON extraction from model text: what is found, and what is not.

import { describe, expect, it } from "vitest";

import { extractJson } from "../../src/llm/extract-json.js";

describe("extractJson", () => {
  it("parses plain JSON, objects and arrays", () => {
    expect(extractJson(' {"comments": []} ')).toEqual({ comments: [] });
    expect(extractJson("[1, 2]")).toEqual([1, 2]);
  });

  it("takes the first fenced block that parses", () => {
    expect(extractJson('```ts\nconst x = {a: 1}\n```\n```json\n{"ok": true}\n```')).toEqual({ ok: true });
  });

  it("skips reasoning blocks and unbalanced or invalid braces in prose", () => {
    expect(extractJson('<think>{"comments": ["wrong"]}</think> so {bad} then {"comments": [], "note": "a } in a string"}')).toEqual({
      comments: [],
      note: "a } in a string",
    });
  });

  it("returns undefined when there is no object: prose, bare values, truncated JSON", () => {
    expect(extractJson("Looks good to me.")).toBeUndefined();
    expect(extractJson('"just a string"')).toBeUndefined();
    expect(extractJson("42")).toBeUndefined();
    expect(extractJson('{"comments": [{"path": "a.ts", "line": 3')).toBeUndefined();
    expect(extractJson("")).toBeUndefined();
  });
});

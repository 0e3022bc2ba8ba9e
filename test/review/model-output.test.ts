// The model-output schema: item-by-item validation, lenient where safe,
// strict elsewhere, and a JSON Schema fit for strict structured output.

import { describe, expect, it } from "vitest";

import { MODEL_OUTPUT_JSON_SCHEMA, parseModelComments } from "../../src/review/model-output.js";

const good = { path: "src/a.ts", line: 10, severity: "major", category: "bug", body: "Null dereference when `user` is missing." };

describe("parseModelComments", () => {
  it("keeps valid items, defaults side to RIGHT and marks the source", () => {
    const { comments, invalid } = parseModelComments({ comments: [good] }, ["src/a.ts"]);
    expect(invalid).toBe(0);
    expect(comments).toEqual([{ ...good, side: "RIGHT", source: "model" }]);
  });

  it("keeps the model's one-line title, and keeps the comment when the title is missing, empty or not text", () => {
    const items = [{ ...good, title: "  Null `user` dereference " }, { ...good, title: "" }, { ...good, title: null }, { ...good, title: 42 }, good];
    const { comments, invalid } = parseModelComments({ comments: items }, ["src/a.ts"]);
    expect(invalid).toBe(0);
    expect(comments.map((comment) => comment.title)).toEqual(["Null `user` dereference", undefined, undefined, undefined, undefined]);
    expect(comments[1]).not.toHaveProperty("title");
  });

  it("drops and counts invalid items while keeping the good ones", () => {
    const items = [
      good,
      { ...good, line: 0 },
      { ...good, line: 4.5 },
      { ...good, line: "12abc" },
      { ...good, severity: "catastrophic" },
      { ...good, category: "vibes" },
      { ...good, body: "   " },
      { ...good, body: "x".repeat(2001) },
      { ...good, startLine: 12 },
      { ...good, side: "MIDDLE" },
      { path: "src/a.ts" },
      "not an object",
      null,
      { ...good, line: 20, body: "Second real finding." },
    ];
    const { comments, invalid } = parseModelComments({ comments: items }, ["src/a.ts"]);
    expect(comments.map((comment) => comment.line)).toEqual([10, 20]);
    expect(invalid).toBe(items.length - 2);
  });

  it("drops and counts comments on paths outside the chunk", () => {
    const { comments, invalid } = parseModelComments(
      { comments: [good, { ...good, path: "src/other.ts" }, { ...good, path: "../../etc/passwd" }] },
      ["src/a.ts"],
    );
    expect(comments).toHaveLength(1);
    expect(invalid).toBe(2);
  });

  it("is lenient where it is safe: case, synonyms, numeric strings, diff path prefixes, null optionals", () => {
    const { comments, invalid } = parseModelComments(
      {
        comments: [
          { ...good, severity: "HIGH", category: "Security", line: "42", startLine: null, side: null },
          { ...good, severity: "low", category: "Tests", side: "left", path: "b/src/a.ts" },
          { ...good, severity: "info", category: "perf", path: "./src/a.ts", startLine: "8", body: "  trimmed  " },
          { ...good, startLine: 10 },
        ],
      },
      ["src/a.ts"],
    );
    expect(invalid).toBe(0);
    expect(comments[0]).toMatchObject({ severity: "major", category: "security", line: 42, side: "RIGHT" });
    expect(comments[0]).not.toHaveProperty("startLine");
    expect(comments[1]).toMatchObject({ severity: "minor", category: "test", side: "LEFT", path: "src/a.ts" });
    expect(comments[2]).toMatchObject({ severity: "nit", category: "performance", startLine: 8, line: 10, body: "trimmed" });
    // A one-line range is a single-line comment.
    expect(comments[3]).not.toHaveProperty("startLine");
  });

  it("accepts a bare array; counts an answer of the wrong shape as one invalid item", () => {
    expect(parseModelComments([good], ["src/a.ts"]).comments).toHaveLength(1);
    const none = { comments: 0, side: 0, severity: 0, category: 0 };
    expect(parseModelComments({ comments: null }, ["src/a.ts"])).toEqual({ comments: [], invalid: 0, defaulted: none });
    expect(parseModelComments({ review: "fine" }, ["src/a.ts"])).toEqual({ comments: [], invalid: 1, defaulted: none });
    expect(parseModelComments("text", ["src/a.ts"])).toEqual({ comments: [], invalid: 1, defaulted: none });
  });
});

describe("MODEL_OUTPUT_JSON_SCHEMA", () => {
  it("is fit for strict structured output: objects closed, every property required, optionals nullable", () => {
    const schema = MODEL_OUTPUT_JSON_SCHEMA as {
      $schema?: string;
      additionalProperties: boolean;
      required: string[];
      properties: { comments: { items: { additionalProperties: boolean; required: string[]; properties: Record<string, Record<string, unknown>> } } };
    };
    expect(schema.$schema).toBeUndefined();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["comments"]);
    const item = schema.properties.comments.items;
    expect(item.additionalProperties).toBe(false);
    expect([...item.required].sort()).toEqual(Object.keys(item.properties).sort());
    expect(Object.keys(item.properties).sort()).toEqual(["body", "category", "line", "path", "severity", "side", "startLine", "title"]);
    expect(item.properties.title).toMatchObject({ type: ["string", "null"] });
    expect(item.properties.startLine).toMatchObject({ type: ["integer", "null"] });
    expect(item.properties.side).toMatchObject({ anyOf: [{ enum: ["RIGHT", "LEFT"] }, { type: "null" }] });
    expect(item.properties.severity).toMatchObject({ enum: ["critical", "major", "minor", "nit"] });
    expect(JSON.stringify(schema)).not.toMatch(/9007199254740991/);
  });
});

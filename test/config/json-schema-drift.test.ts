// The committed JSON Schema for editors must match the zod schema the app uses.

import { readFile } from "node:fs/promises";

import { describe, expect, it } from "vitest";

import { buildRepoConfigJsonSchema, renderRepoConfigJsonSchema } from "../../src/config/build-repo-config-json-schema.js";

const SCHEMA_FILE = new URL("../../src/config/foureyes.schema.json", import.meta.url);

describe("src/config/foureyes.schema.json", () => {
  it("is what the zod schema generates (run npm run schema if this fails)", async () => {
    const committed = await readFile(SCHEMA_FILE, "utf8");
    if (committed !== renderRepoConfigJsonSchema()) {
      expect.fail("src/config/foureyes.schema.json is out of date with src/config/repo-config.ts: run npm run schema");
    }
  });

  it("keeps every key optional, documents defaults and forbids unknown keys", () => {
    const schema = buildRepoConfigJsonSchema() as {
      $id: string;
      title: string;
      required?: string[];
      additionalProperties: boolean;
      properties: Record<string, { default?: unknown; description?: string }>;
    };
    expect(schema.$id).toBeTruthy();
    expect(schema.title).toMatch(/foureyes/);
    expect(schema.required ?? []).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.maxComments).toMatchObject({ default: 10, type: "integer", minimum: 0, maximum: 50 });
    for (const [key, property] of Object.entries(schema.properties)) {
      expect(property.default, `${key} documents its default`).toBeDefined();
      expect(property.description, `${key} has a description`).toBeTruthy();
    }
  });
});

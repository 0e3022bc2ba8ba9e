// .env.example documents every variable the server reads, each with a comment,
// and its values are ones the server accepts.

import { readFile } from "node:fs/promises";

import { describe, expect, it } from "vitest";

import { loadServerEnv, serverEnvSchema } from "../../src/config/server-env.js";

const ENV_EXAMPLE = new URL("../../.env.example", import.meta.url);
const APP_VARIABLES = ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "GHE_HOST", "GHE_PROTOCOL"];

async function readExample() {
  const lines = (await readFile(ENV_EXAMPLE, "utf8")).split("\n");
  const entries = new Map<string, { value: string; active: boolean }>();
  for (const line of lines) {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) entries.set(match[2] as string, { value: match[3] as string, active: !match[1] });
  }
  return entries;
}

describe(".env.example", () => {
  it("lists every server and GitHub App variable", async () => {
    const entries = await readExample();
    for (const name of [...Object.keys(serverEnvSchema.shape), ...APP_VARIABLES]) {
      expect(entries.has(name), `${name} is listed`).toBe(true);
    }
  });

  it("gives each variable a comment line (or shares the one above it)", async () => {
    const lines = (await readFile(ENV_EXAMPLE, "utf8")).split("\n");
    lines.forEach((line, index) => {
      if (!/^(#\s*)?[A-Z][A-Z0-9_]*=/.test(line)) return;
      // Walk up past neighbouring variables to the comment that describes them.
      let above = index - 1;
      while (above >= 0 && /^(#\s*)?[A-Z][A-Z0-9_]*=/.test(lines[above] ?? "")) above -= 1;
      expect(lines[above] ?? "", `comment for ${line}`).toMatch(/^# \S/);
    });
  });

  it("holds values the server accepts", async () => {
    const entries = await readExample();
    const env = Object.fromEntries([...entries].filter(([, entry]) => entry.active).map(([name, entry]) => [name, entry.value]));
    expect(() => loadServerEnv(env)).not.toThrow();
  });
});

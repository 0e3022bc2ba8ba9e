// The rules' and the secret detectors' findings go to the model as "already
// reported, do not repeat", compact (path, line, rule id, title), in the
// prompt of the chunk holding their file, so the model does not say them again.

import { describe, expect, it } from "vitest";

import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import type { ChangedFile } from "../../src/core/diff.js";
import { analyzeChange } from "../../src/review/analyze-change.js";
import { buildUserMessage } from "../../src/review/prompt.js";
import { plantedSecrets } from "../helpers/fake-secrets.js";

const limits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };
const packs = loadRulePacks();

function added(path: string, lines: string[]): ChangedFile {
  return { path, status: "added", additions: lines.length, deletions: 0, patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((line) => `+${line}`).join("\n")}` };
}

describe("findings already reported", () => {
  it("are listed in the chunk of their file, with path, line, rule id and title, secrets included but never their value", async () => {
    const secret = plantedSecrets().find((planted) => planted.kind === "github-token");
    if (!secret) throw new Error("no planted GitHub token");
    const text = ["export function run(code: string) {", "  return eval(code);", "}", "export const config = {", secret.line, "};"];
    const other = ["export const two = 2;"];
    const { chunks } = await analyzeChange([added("src/run.ts", text), added("src/two.ts", other)], [
      { kind: "text", text: `${text.join("\n")}\n` },
      { kind: "text", text: `${other.join("\n")}\n` },
    ], limits, packs);
    expect(chunks).toHaveLength(1);
    const message = buildUserMessage({ title: "t", description: "d", chunkContext: chunks[0]?.context ?? "", alreadyReported: chunks[0]?.alreadyReported });
    const block = /<untrusted_already_reported>\n([\s\S]*?)\n<\/untrusted_already_reported>/.exec(message)?.[1];
    expect(block?.split("\n")).toEqual([
      expect.stringMatching(/^src\/run\.ts:2 eval-call: .+/),
      expect.stringMatching(/^src\/run\.ts:5 committed-secret: .*GitHub/i),
    ]);
    expect(message).toMatch(/already reported[^\n]*do not (repeat|report)/i);
    expect(message).not.toContain(secret.value);
  });

  it("take only the room the chunk's code leaves under the budget", async () => {
    const text = Array.from({ length: 40 }, (_, index) => `eval(code${index});`);
    const file = added("src/many.ts", text);
    const head = [{ kind: "text" as const, text: `${text.join("\n")}\n` }];
    const roomy = await analyzeChange([file], head, limits, packs);
    expect(roomy.chunks[0]?.alreadyReported).toHaveLength(31);
    expect(roomy.chunks[0]?.alreadyReported?.at(-1)).toBe("… and 10 more on these files");
    const tight = await analyzeChange([file], head, { ...limits, chunkTokens: (roomy.chunks[0]?.estimatedTokens ?? 0) - 200 }, packs);
    const kept = tight.chunks.flatMap((chunk) => chunk.alreadyReported ?? []);
    expect(kept.length).toBeLessThan(31);
    for (const chunk of tight.chunks) expect(chunk.estimatedTokens).toBeLessThanOrEqual((roomy.chunks[0]?.estimatedTokens ?? 0) - 200);
  });

  it("leave the message as it was when nothing was reported", () => {
    const message = buildUserMessage({ title: "t", description: "d", chunkContext: "code", alreadyReported: [] });
    expect(message).not.toContain("already_reported");
  });
});

// analyzeChange: the rule packs query the trees the analysis parsed, also the
// partial trees of a large file, and report the right file line.
import { describe, expect, it } from "vitest";

import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import type { ChangedFile } from "../../src/core/diff.js";
import { analyzeChange } from "../../src/review/analyze-change.js";

const limits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };
const packs = loadRulePacks();

describe("analyzeChange", () => {
  it("finds a rule match on an added line deep inside a large file parsed by regions", async () => {
    const filler = (prefix: string) =>
      Array.from({ length: 1200 }, (_, i) => `export function ${prefix}${i}(a: number): number {\n  return a + ${i};\n}`).join("\n");
    const before = `${filler("f")}\nexport const agent = new Agent({ keepAlive: true });\n${filler("g")}\n`;
    const after = before.replace("{ keepAlive: true }", "{ keepAlive: true, rejectUnauthorized: false }");
    expect(after.length).toBeGreaterThan(24_000);
    const line = filler("f").split("\n").length + 1;
    const file: ChangedFile = {
      path: "src/agent.ts",
      status: "modified",
      additions: 1,
      deletions: 1,
      patch: `@@ -${line},1 +${line},1 @@\n-export const agent = new Agent({ keepAlive: true });\n+export const agent = new Agent({ keepAlive: true, rejectUnauthorized: false });`,
    };
    const { ruleFindings, analyses, chunks } = await analyzeChange([file], [{ kind: "text", text: after }], limits, packs);
    expect(ruleFindings).toEqual([expect.objectContaining({ path: "src/agent.ts", line, source: "rule:tls-verification-disabled" })]);
    expect(analyses[0]?.declarations.map((d) => d.name)).toEqual(["agent"]);
    expect(chunks).toHaveLength(1);
  });

  it("lists binary and too-large heads as skipped and runs no rules on them", async () => {
    const file: ChangedFile = { path: "src/a.ts", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1,2 @@\n a\n+eval(x)" };
    const { contentSkips, ruleFindings, analyses } = await analyzeChange(
      [file],
      [{ kind: "skipped", reason: "too-large", detail: "2.0 MB" }],
      limits,
      packs,
    );
    expect(contentSkips).toEqual([{ path: "src/a.ts", reason: "too-large", detail: "2.0 MB" }]);
    expect(ruleFindings).toEqual([]);
    expect(analyses).toEqual([]);
  });

  it("hands the event loop back between files, so a worker's lock renewal still runs during a long analysis", async () => {
    const files: ChangedFile[] = Array.from({ length: 6 }, (_, index) => ({
      path: `src/f${index}.ts`,
      status: "modified",
      additions: 1,
      deletions: 0,
      patch: "@@ -1 +1,2 @@\n export const a = 1;\n+export const b = 2;",
    }));
    const heads = files.map(() => ({ kind: "text" as const, text: "export const a = 1;\nexport const b = 2;\n" }));
    let done = false;
    let turns = 0;
    const count = (): void => {
      if (done) return;
      turns += 1;
      setImmediate(count);
    };
    setImmediate(count);
    await analyzeChange(files, heads, limits, packs);
    done = true;
    // One turn at least per file: without the yields the loop would not turn until the whole analysis ended.
    expect(turns).toBeGreaterThanOrEqual(files.length);
  });
});

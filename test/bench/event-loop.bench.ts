// The longest time the worker's event loop is blocked while it analyses a
// pull request of ten new ~390 kB TypeScript files (just under the file size
// limit): BullMQ renews a job's lock from a timer, so a block near the 30 s
// lock would make a live worker look dead. Figures, not pass/fail.

import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import type { ChangedFile } from "../../src/core/diff.js";
import { analyzeChange } from "../../src/review/analyze-change.js";

const FILES = 10;
const TARGET_BYTES = 390_000;

function largeFile(seed: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; size < TARGET_BYTES; index += 1) {
    const block = [
      `export async function handler${seed}_${index}(request: Request, limit = ${index}): Promise<Response> {`,
      `  const items = await load${index % 7}(request.url, { limit, retries: ${index % 3} });`,
      `  if (items.length === 0) return new Response(null, { status: 404 });`,
      `  return Response.json(items.map((item) => ({ ...item, seen: Date.now() })));`,
      "}",
      "",
    ];
    lines.push(...block);
    size += block.join("\n").length + 1;
  }
  return lines.join("\n");
}

export default async function benchEventLoop(): Promise<void> {
  const texts = Array.from({ length: FILES }, (_, index) => largeFile(index));
  const files: ChangedFile[] = texts.map((text, index) => {
    const count = text.split("\n").length;
    return { path: `src/generated-${index}.ts`, status: "added", additions: count, deletions: 0, patch: `@@ -0,0 +1,${count} @@\n${text.split("\n").map((line) => `+${line}`).join("\n")}` };
  });
  const heads = texts.map((text) => ({ kind: "text" as const, text }));
  const limits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };
  const packs = loadRulePacks();

  // A 10 ms ticker: the longest gap between two ticks is the longest block (the last gap ends after the analysis).
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  await analyzeChange(files, heads, limits, packs);
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(ticker);
  console.log(
    `${FILES} new files of ${Math.round(TARGET_BYTES / 1000)} kB: analysis ${seconds.toFixed(1)} s in all; ` +
      `longest event-loop block ${(longest / 1000).toFixed(2)} s (the job lock is 30 s, renewed every 15 s)`,
  );
}

// Analysis on worker threads. Parsing dominates a large pull request's
// analysis (tens of milliseconds per big Kotlin or Java file), each file
// stands alone, and the trees never need to leave the thread: only the plain
// results come back. So files are spread over a small pool, which also keeps
// the process's own event loop free for lock renewals and probes while a
// large pull request is parsed. Idle threads do not keep a process alive.

import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

import { Piscina } from "piscina";

import type { RulePack } from "../analysis/rule-pack.js";
import type { ThreadTask } from "./analyze-file-thread.js";
import type { FileOutcome, FileTask } from "./analyze-one-file.js";

let pool: { threads: number; piscina: Piscina } | undefined;

/** Runs the files' analyses on a pool of `threads` (made on first use, remade when the size changes); outcomes in the tasks' order. */
export function analyzeOnThreads(tasks: FileTask[], threads: number): Promise<FileOutcome[]> {
  if (!pool || pool.threads !== threads) {
    void pool?.piscina.destroy();
    pool = { threads, piscina: createPool(threads) };
  }
  const { piscina } = pool;
  const keys = new Map<RulePack[], string>();
  const keyOf = (packs: RulePack[]): string => {
    let key = keys.get(packs);
    if (key === undefined) keys.set(packs, (key = createHash("sha256").update(JSON.stringify(packs)).digest("hex")));
    return key;
  };
  return Promise.all(tasks.map((task) => piscina.run({ ...task, rulePacksKey: keyOf(task.rulePacks) } satisfies ThreadTask) as Promise<FileOutcome>));
}

/** Stops the threads (at shutdown; a later analysis starts a new pool). */
export async function closeAnalysisThreads(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.piscina.destroy();
}

function createPool(threads: number): Piscina {
  // Run from source (tests, benchmarks, from any directory) the thread loads TypeScript through tsx, found from here.
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = new URL(`./analyze-file-thread.${fromSource ? "ts" : "js"}`, import.meta.url);
  return new Piscina({
    filename: fileURLToPath(entry),
    minThreads: threads,
    maxThreads: threads,
    execArgv: fromSource ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href] : [],
  });
}

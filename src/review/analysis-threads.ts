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
import { headChars } from "../core/head-file.js";
import type { ThreadTask } from "./analyze-file-thread.js";
import type { FileOutcome, FileTask } from "./analyze-one-file.js";

let pool: { threads: number; piscina: Piscina } | undefined;

/**
 * Runs the files' analyses on a pool of `threads` (made on first use, remade when the size changes); outcomes in the tasks' order.
 * The largest files go first, so a big one does not start last while the other threads idle.
 */
export function analyzeOnThreads(tasks: FileTask[], threads: number): Promise<FileOutcome[]> {
  if (!pool || pool.threads !== threads) {
    void pool?.piscina.destroy();
    pool = { threads, piscina: createPool(threads) };
  }
  const { piscina } = pool;
  const packSets = new Map<RulePack[], Pick<ThreadTask, "rulePacksJson" | "rulePacksKey">>();
  const packsOf = (packs: RulePack[]): Pick<ThreadTask, "rulePacksJson" | "rulePacksKey"> => {
    let set = packSets.get(packs);
    if (!set) {
      const rulePacksJson = JSON.stringify(packs);
      packSets.set(packs, (set = { rulePacksJson, rulePacksKey: createHash("sha256").update(rulePacksJson).digest("hex") }));
    }
    return set;
  };
  const outcomes = new Array<Promise<FileOutcome>>(tasks.length);
  const largestFirst = [...tasks.keys()].sort((a, b) => headChars(tasks[b]?.head) - headChars(tasks[a]?.head));
  for (const index of largestFirst) {
    const { rulePacks, ...task } = tasks[index] as FileTask;
    outcomes[index] = piscina.run({ ...task, ...packsOf(rulePacks) } satisfies ThreadTask) as Promise<FileOutcome>;
  }
  return Promise.all(outcomes);
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
    // A thread takes its next files while the last result travels back, instead of idling for the round trip
    // (a third of the analysis time on a 34-file pull request with one task at a time).
    concurrentTasksPerWorker: 8,
    execArgv: fromSource ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href] : [],
  });
}

// The entry of an analysis thread (./analysis-threads.ts): one file per task.
// The rule packs arrive as a copy with every file, but compiled queries and
// path filters are kept per pack object: the first copy of each set of packs
// (named by its key) is kept and reused, so each thread compiles them once.

import type { RulePack } from "../analysis/rule-pack.js";
import { analyzeOneFile, type FileOutcome, type FileTask } from "./analyze-one-file.js";

export interface ThreadTask extends FileTask {
  /** Names this set of rule packs: equal keys, equal packs. */
  rulePacksKey: string;
}

/** Sets of packs kept, the oldest forgotten first (repositories with their own rules each have a set). */
const PACK_SETS_KEPT = 50;
const packSets = new Map<string, RulePack[]>();

export default function analyzeFileOnThread(task: ThreadTask): FileOutcome {
  let rulePacks = packSets.get(task.rulePacksKey);
  if (!rulePacks) {
    rulePacks = task.rulePacks;
    if (packSets.size >= PACK_SETS_KEPT) packSets.delete(packSets.keys().next().value as string);
    packSets.set(task.rulePacksKey, rulePacks);
  }
  return analyzeOneFile({ ...task, rulePacks });
}

// The entry of an analysis thread (./analysis-threads.ts): one file per task.
// The rule packs arrive with every file as one JSON string (a string crosses
// to a thread as one block, an object graph piece by piece), but are read, and
// their queries compiled, once per thread: the first set of each key is kept.

import type { RulePack } from "../analysis/rule-pack.js";
import { analyzeOneFile, type FileOutcome, type FileTask } from "./analyze-one-file.js";

export interface ThreadTask extends Omit<FileTask, "rulePacks"> {
  /** The rule packs (plain data) as JSON. */
  rulePacksJson: string;
  /** Names this set of rule packs: equal keys, equal packs. */
  rulePacksKey: string;
}

/** Sets of packs kept, the oldest forgotten first (repositories with their own rules each have a set). */
const PACK_SETS_KEPT = 50;
const packSets = new Map<string, RulePack[]>();

export default function analyzeFileOnThread({ rulePacksJson, rulePacksKey, ...task }: ThreadTask): FileOutcome {
  let rulePacks = packSets.get(rulePacksKey);
  if (!rulePacks) {
    rulePacks = JSON.parse(rulePacksJson) as RulePack[];
    if (packSets.size >= PACK_SETS_KEPT) packSets.delete(packSets.keys().next().value as string);
    packSets.set(rulePacksKey, rulePacks);
  }
  return analyzeOneFile({ ...task, rulePacks });
}

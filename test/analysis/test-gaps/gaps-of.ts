// Runs test-gap detection on a small planted change: each file's head text,
// with either every line added (a new file) or the lines that contain given
// needles, and says what it found in one line per symbol.

import { findTestGaps } from "../../../src/analysis/test-gaps/find-test-gaps.js";
import type { TestGap } from "../../../src/analysis/test-gaps/types.js";
import { analyzeAdded, lineOf } from "../../helpers/declarations-of.js";

export interface PlantedFile {
  path: string;
  text: string;
  /** Lines containing these are added; absent: the whole file is new. */
  changed?: string[];
}

export function plantedGaps(files: PlantedFile[], repoPaths: string[] | null = files.map((file) => file.path)): TestGap[] {
  const analyses = files.map(({ path, text, changed }) => {
    const added = changed ? changed.map((needle) => lineOf(text, needle)) : text.split("\n").map((_, index) => index + 1);
    return analyzeAdded(path, text, added);
  });
  return findTestGaps({ analyses, headTexts: new Map(files.map((file) => [file.path, file.text])), repoPaths });
}

/** "path symbol: touched by a, b | existing x" — or "untested" / "no test file". */
export function gapsOf(files: PlantedFile[], repoPaths?: string[] | null): string[] {
  return plantedGaps(files, repoPaths).map((gap) => {
    const name = gap.container ? `${gap.container}.${gap.symbol}` : gap.symbol;
    const touched = gap.touchedBy.length > 0 ? `touched by ${gap.touchedBy.join(", ")}` : "untested";
    return `${gap.path} ${name}: ${touched} | ${gap.existingTest ?? "no test file"}`;
  });
}

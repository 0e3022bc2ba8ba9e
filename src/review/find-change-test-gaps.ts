// The test-gap step of the pipeline (after the analysis): which exported
// symbols the change adds or alters have a test changed with them, and which
// test file the repository has for their module. It reads from the source
// only when there is such a symbol: the head's file list and the few
// manifests that name the test framework. A list that cannot be read, or that
// GitHub cut short, leaves the gaps standing and says so in `testGapNote`.

import { findTestGaps } from "../analysis/test-gaps/find-test-gaps.js";
import { listFrameworkFiles } from "../analysis/test-gaps/list-framework-files.js";
import type { TestGap } from "../analysis/test-gaps/types.js";
import type { FileAnalysis } from "../analysis/types.js";
import type { Logger } from "../core/logger.js";
import type { HeadPaths } from "../github/list-head-paths.js";
import type { ReviewSource } from "./ports.js";

/** The review result's fields of the same names. */
export interface ChangeTestGaps {
  testGaps: TestGap[];
  /** Why the existing-test column may be incomplete. */
  testGapNote?: string;
}

export async function findChangeTestGaps(
  source: ReviewSource,
  analyses: readonly FileAnalysis[],
  headTexts: ReadonlyMap<string, string | null>,
  log?: Logger,
): Promise<ChangeTestGaps> {
  // Pure first: without a changed exported symbol there is nothing to read.
  if (findTestGaps({ analyses, headTexts, repoPaths: [] }).length === 0) return { testGaps: [] };
  const listed = await listPaths(source, log);
  const repoPaths = listed?.paths ?? null;
  const frameworkFiles = new Map<string, string>();
  const sourcePaths = analyses.filter((analysis) => !analysis.isTest).map((analysis) => analysis.path);
  for (const path of repoPaths ? listFrameworkFiles(repoPaths, sourcePaths) : []) {
    const read = await source.readHeadFile(path).catch(() => null);
    if (read?.kind === "text") frameworkFiles.set(path, read.text);
  }
  const testGaps = findTestGaps({ analyses, headTexts, repoPaths, frameworkFiles });
  if (!listed) return { testGaps, testGapNote: "the repository's file list could not be read, so existing test files are named only when a changed test imports the module" };
  if (listed.truncated) return { testGaps, testGapNote: "GitHub cut the repository's file list short, so an existing test file may be missing here" };
  return { testGaps };
}

async function listPaths(source: ReviewSource, log?: Logger): Promise<HeadPaths | null> {
  if (!source.listHeadPaths) return null;
  try {
    return await source.listHeadPaths();
  } catch (error) {
    log?.warn({ error: error instanceof Error ? error.message : String(error) }, "test gaps: the head's file list could not be read");
    return null;
  }
}

// The test-suggestion step of a review: for the largest untested changes (at
// most `tests.maxSuggestions`), one model request each, validated before it
// is shown; an inline pointer for each suggestion kept. A symbol foureyes
// already pointed to on this pull request is not asked about again, unless
// `/foureyes tests` asked for suggestions.

import pLimit from "p-limit";

import { languageFamily, languageForPath } from "../../analysis/languages.js";
import type { TestFramework, TestGap } from "../../analysis/test-gaps/types.js";
import { proposeTestPath } from "../../analysis/test-suggestions/propose-test-path.js";
import type { FileAnalysis } from "../../analysis/types.js";
import type { RepoConfig } from "../../config/repo-config.js";
import type { PriorComment, ProposedComment } from "../../core/comments.js";
import type { FileDiff } from "../../core/diff.js";
import type { HeadFile } from "../../core/head-file.js";
import type { Logger } from "../../core/logger.js";
import type { ModelClient } from "../../llm/model-client.js";
import { anchorComments } from "../anchor-comments.js";
import type { ModelExchange } from "../ask-model.js";
import { fingerprintFindings } from "../fingerprint-finding.js";
import { askForTest, type AskForTestInput } from "./ask-for-test.js";
import { pointToSuggestion } from "./point-to-suggestion.js";
import { selectUntestedGaps } from "./select-untested-gaps.js";
import type { TestSuggestionsOutcome } from "./types.js";

export interface SuggestTestsInput {
  client: ModelClient;
  settings: RepoConfig["tests"];
  gaps: readonly TestGap[];
  /** The test framework a gap's tests use, or null when none was detected (then no suggestion). */
  frameworkFor(gap: TestGap): TestFramework | null;
  analyses: readonly FileAnalysis[];
  headTexts: ReadonlyMap<string, string | null>;
  priorComments: readonly PriorComment[];
  readHeadFile(path: string): Promise<HeadFile>;
  budget: AskForTestInput["budget"];
  concurrency: number;
  /** `/foureyes tests` asked: suggest also for symbols pointed to before, and say so when suggestions are off. */
  requested?: boolean;
  logger?: Logger | undefined;
}

export interface SuggestTestsResult {
  /** Absent when there was nothing to suggest and nothing to say. */
  outcome?: TestSuggestionsOutcome;
  /** One inline pointer per suggestion kept, for the review's comments. */
  pointers: ProposedComment[];
  exchanges: ModelExchange[];
}

interface Planned {
  gap: TestGap;
  framework: TestFramework;
  testPath: string;
  pointer: ProposedComment;
  example: string | null;
}

/** Throws what the model client throws when the server is unavailable. */
export async function suggestTests(input: SuggestTestsInput): Promise<SuggestTestsResult> {
  if (!input.settings.suggest) return nothingAsked(input, "off");
  const planned = planSuggestions(input);
  if (planned.length === 0) return nothingAsked(input, "nothing-untested");
  const examples = new Map<string, Promise<string | null>>();
  const exampleText = (path: string) => examples.get(path) ?? examples.set(path, readText(input, path)).get(path)!;
  const limit = pLimit(Math.max(1, input.concurrency));
  const outcomes = await Promise.all(
    planned.map((plan) =>
      limit(async () => {
        const text = plan.example === null ? null : await exampleText(plan.example);
        const example = plan.example !== null && text !== null ? { path: plan.example, text } : null;
        const headText = input.headTexts.get(plan.gap.path) ?? "";
        const { gap, framework, testPath, pointer } = plan;
        return { plan, outcome: await askForTest({ client: input.client, gap, framework, testPath, headText, example, line: pointer.line, budget: input.budget }) };
      }),
    ),
  );
  const result: Required<SuggestTestsResult> = { outcome: { suggestions: [], dropped: {} }, pointers: [], exchanges: [] };
  for (const { plan, outcome } of outcomes) {
    if (outcome.exchange) result.exchanges.push(outcome.exchange);
    if (outcome.kind === "suggested") {
      result.outcome.suggestions.push(outcome.suggestion);
      result.pointers.push(plan.pointer);
    } else {
      result.outcome.dropped[outcome.reason] = (result.outcome.dropped[outcome.reason] ?? 0) + 1;
      input.logger?.info({ path: plan.gap.path, symbol: plan.gap.symbol, reason: outcome.reason }, "test suggestion dropped");
    }
  }
  return result;
}

/** No request: said in the body only when `/foureyes tests` asked. */
function nothingAsked(input: SuggestTestsInput, why: "off" | "nothing-untested"): SuggestTestsResult {
  return input.requested ? { outcome: { suggestions: [], dropped: {}, none: why }, pointers: [], exchanges: [] } : { pointers: [], exchanges: [] };
}

/** The untested gaps worth a request, largest first, capped: each with its framework, test path, pointer and style example. */
function planSuggestions(input: SuggestTestsInput): Planned[] {
  const diffs = new Map<string, FileDiff>(input.analyses.map((analysis) => [analysis.path, analysis.diff]));
  const pointed = new Set(input.priorComments.flatMap((comment) => (comment.fingerprint ? [comment.fingerprint] : [])));
  const planned: Planned[] = [];
  for (const gap of selectUntestedGaps(input.gaps)) {
    if (planned.length >= input.settings.maxSuggestions) break;
    const framework = input.frameworkFor(gap);
    if (framework === null || !input.headTexts.get(gap.path)) continue;
    const example = exampleTestFor(gap, input);
    const testPath = proposeTestPath({ path: gap.path, language: gap.language, existingTest: gap.existingTest, exampleTest: example });
    const pointer = pointToSuggestion(gap, diffs.get(gap.path), testPath, framework);
    if (pointer === null) continue;
    if (!input.requested && pointed.has(pointerFingerprint(pointer, input, diffs))) continue;
    planned.push({ gap, framework, testPath, pointer, example });
  }
  return planned;
}

/** The fingerprint the pointer's posted comment carries (the same steps the review's findings take). */
function pointerFingerprint(pointer: ProposedComment, input: SuggestTestsInput, diffs: ReadonlyMap<string, FileDiff>): string {
  const { anchored } = anchorComments([pointer], diffs);
  return fingerprintFindings(anchored, [...input.analyses], input.headTexts)[0]?.identity?.fingerprint ?? "";
}

/** The module's own test file, else a test file of the same language family in the pull request, else another gap's test file. */
function exampleTestFor(gap: TestGap, input: SuggestTestsInput): string | null {
  if (gap.existingTest) return gap.existingTest;
  const family = languageFamily(gap.language);
  const sameFamily = (path: string) => {
    const language = languageForPath(path);
    return language !== null && languageFamily(language) === family;
  };
  const inPull = input.analyses.find((analysis) => analysis.isTest && sameFamily(analysis.path));
  if (inPull) return inPull.path;
  return input.gaps.find((other) => other.existingTest !== null && sameFamily(other.existingTest))?.existingTest ?? null;
}

async function readText(input: SuggestTestsInput, path: string): Promise<string | null> {
  const known = input.headTexts.get(path);
  if (typeof known === "string") return known;
  const head = await input.readHeadFile(path);
  return head.kind === "text" ? head.text : null;
}

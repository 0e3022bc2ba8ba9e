// What the test-suggestion step gives the review: validated test code per
// untested changed symbol, what was dropped and why, and the inline pointers.

import type { TestFramework } from "../../analysis/test-gaps/types.js";

/** A test the model proposed that parsed, names the symbol and uses the repository's framework. Never committed or pushed. */
export interface TestSuggestion {
  /** The module under test. */
  path: string;
  symbol: string;
  /** Where the test would go, by the repository's convention. */
  testPath: string;
  framework: TestFramework;
  /** The proposed test file, exactly as the model wrote it (shown as code, never run). */
  code: string;
  /** The line the inline pointer sits on (the symbol's signature line, else its first changed line). */
  line: number;
}

/** Why a suggestion was not shown. */
export type SuggestionDropReason = "unusable-answer" | "prompt-too-large" | "does-not-parse" | "symbol-not-referenced" | "framework-not-used";

export interface TestSuggestionsOutcome {
  suggestions: TestSuggestion[];
  /** Suggestions dropped, by reason (absent reasons: none). */
  dropped: Partial<Record<SuggestionDropReason, number>>;
  /** Why none were asked for, said when `/foureyes tests` asked: switched off in the settings, or no untested symbol with a known framework. */
  none?: "off" | "nothing-untested";
}

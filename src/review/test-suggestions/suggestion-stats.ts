// The review stats' test-suggestion figures: shown and dropped, absent when
// nothing was asked for.

import type { TestSuggestionsOutcome } from "./types.js";

export function suggestionStats(outcome: TestSuggestionsOutcome | undefined): { testSuggestions?: number; testSuggestionsDropped?: number } {
  if (!outcome) return {};
  const dropped = Object.values(outcome.dropped).reduce((sum, count) => sum + (count ?? 0), 0);
  return { testSuggestions: outcome.suggestions.length, testSuggestionsDropped: dropped };
}

// Which test gaps get a suggestion: symbols no test in the pull request
// touches, the largest change first (ties in file order, so a review is
// reproducible).

import type { TestGap } from "../../analysis/test-gaps/types.js";

export function selectUntestedGaps(gaps: readonly TestGap[]): TestGap[] {
  return gaps
    .map((gap, index) => ({ gap, index }))
    .filter(({ gap }) => gap.touchedBy.length === 0)
    .sort((a, b) => b.gap.changedLines - a.gap.changedLines || a.index - b.index)
    .map(({ gap }) => gap);
}

// The patterns a team set aside in one repository: from its recorded
// signals, each foureyes comment that got more 👎 than 👍, a reply from the
// team that dismissed it, or whose thread was resolved while the commented
// line stayed unchanged. Pure.

import type { TeamSignal } from "./learning-store.js";

/** What a later finding is compared with: its rule, or its words within the same kind of declaration. */
export interface DismissedPattern {
  rule: string;
  kind: string;
  text: string;
}

export function dismissedPatterns(signals: TeamSignal[]): DismissedPattern[] {
  return signals
    .filter((signal) => signal.thumbsDown > signal.thumbsUp || signal.dismissedByReply === true || signal.resolved === "unchanged")
    .map(({ rule, kind, text }) => ({ rule, kind, text }));
}

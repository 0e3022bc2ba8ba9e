// How a test gap's symbol reads to people and tools: `Ledger.post` for a
// member, the declared name otherwise (Go methods are already `Receiver.Method`).

import type { TestGap } from "./types.js";

export function qualifiedSymbol(gap: Pick<TestGap, "symbol" | "container">): string {
  return gap.container ? `${gap.container}.${gap.symbol}` : gap.symbol;
}

// FOUREYES_GITHUB_CONTENT_BUDGET: how many content-creating requests (reviews,
// comments, issues, reactions) one installation may send to GitHub per
// window, shared by all workers. GitHub's secondary limits allow about 80 a
// minute and 500 an hour; "80/1m,500/1h" keeps under both.

import { z } from "zod";

export interface BudgetWindow {
  /** Most requests in any window of `windowMs`. */
  limit: number;
  windowMs: number;
}

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const WINDOW = /^(\d+)\/(\d+)(ms|s|m|h)$/;

export const DEFAULT_CONTENT_BUDGET = "80/1m,500/1h";

/** "80/1m,500/1h" → one window each; a bad part is named with what is expected. */
export const contentBudgetSchema = z
  .string()
  .default(DEFAULT_CONTENT_BUDGET)
  .transform((text, context): BudgetWindow[] => {
    const windows: BudgetWindow[] = [];
    for (const part of text.split(",").map((piece) => piece.trim())) {
      const match = WINDOW.exec(part);
      const limit = Number(match?.[1]);
      const windowMs = Number(match?.[2]) * UNIT_MS[(match?.[3] ?? "ms") as keyof typeof UNIT_MS];
      if (!match || limit < 1 || windowMs < 1) {
        context.addIssue({ code: "custom", message: `"${part}" is not a budget window; write COUNT/LENGTH with a unit ms, s, m or h, comma-separated (default "${DEFAULT_CONTENT_BUDGET}")` });
        return z.NEVER;
      }
      windows.push({ limit, windowMs });
    }
    return windows;
  });

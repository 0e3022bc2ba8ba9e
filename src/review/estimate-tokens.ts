// A fast, dependency-free token estimate for prompt budgeting.
//
// BPE tokenizers of current code models (Llama 3, Qwen 2.5, GPT-4 class) average
// roughly 3.5 characters per token on source code, a little more on English
// prose. Counting characters is O(1) on a JS string, which matters because the
// chunk planner calls this for every rendered section. The estimate errs high on
// deeply indented code (runs of spaces merge into few tokens), so chunks come out
// slightly smaller than the budget rather than over it.

export const CHARS_PER_TOKEN = 3.5;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

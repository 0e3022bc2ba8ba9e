// Reasoning models write their thoughts before the answer, and their thoughts
// quote code and JSON: the reasoning has to go before anything looks for the
// answer's JSON. Shapes seen from real servers: `<think>…</think>` (Qwen3,
// DeepSeek-R1 distills), `<thinking>…</thinking>`, a lone `</think>` when the
// chat template already opened the block, an unclosed `<think>` when the
// server cut the closing tag, and gpt-oss's harmony channels leaked as text.

const CLOSED_BLOCK = /<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi;
const LONE_CLOSE = /<\/(?:think|thinking|reasoning)>/gi;
const UNCLOSED_OPEN = /^\s*<(?:think|thinking|reasoning)>/i;
/** Where an answer starts after unclosed reasoning: a line opening a JSON object or a fence. */
const ANSWER_START = /^[^\S\n]*(?:\{|```)/m;
const HARMONY_FINAL = "<|channel|>final<|message|>";

/** The text without the model's reasoning; empty when there was nothing but reasoning. */
export function stripReasoning(text: string): string {
  const final = text.lastIndexOf(HARMONY_FINAL);
  let rest = final === -1 ? text : text.slice(final + HARMONY_FINAL.length);
  rest = rest.replace(CLOSED_BLOCK, "");
  // A closing tag left over closes reasoning whose opening tag was in the prompt: all before it goes.
  const closes = [...rest.matchAll(LONE_CLOSE)];
  const lastClose = closes[closes.length - 1];
  if (lastClose?.index !== undefined) rest = rest.slice(lastClose.index + lastClose[0].length);
  const open = UNCLOSED_OPEN.exec(rest);
  if (open) {
    const after = rest.slice(open[0].length);
    const start = ANSWER_START.exec(after);
    rest = start ? after.slice(start.index) : "";
  }
  return rest.trim();
}

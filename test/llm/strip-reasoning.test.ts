// Answers of reasoning models (Qwen3, DeepSeek-R1 distills, gpt-oss behind
// some servers): the reasoning comes before the JSON, often full of braces,
// and must never be taken for the answer.

import { describe, expect, it } from "vitest";

import { extractJson } from "../../src/llm/extract-json.js";

const ANSWER = { comments: [{ path: "a.ts", line: 3, body: "Off by one." }] };
const JSON_ANSWER = JSON.stringify(ANSWER);
const BRACY_REASONING = 'The user wants {"comments": []} maybe? Consider `if (x) { return {a: 1}; }` and {"path": "b.ts", "line": 9}.';

describe("extractJson with reasoning before the answer", () => {
  it("drops a <think> block that holds braces and JSON-looking text", () => {
    expect(extractJson(`<think>\n${BRACY_REASONING}\n</think>\n\n${JSON_ANSWER}`)).toEqual(ANSWER);
  });

  it("drops a <thinking> block, whatever the case of the tag", () => {
    expect(extractJson(`<Thinking>${BRACY_REASONING}</Thinking>${JSON_ANSWER}`)).toEqual(ANSWER);
  });

  it("drops reasoning whose opening tag was in the prompt (only </think> in the answer)", () => {
    expect(extractJson(`${BRACY_REASONING}\n</think>\n\n${JSON_ANSWER}`)).toEqual(ANSWER);
  });

  it("drops an unclosed leading <think> up to the answer that starts a line", () => {
    expect(extractJson(`<think>\n${BRACY_REASONING}\n${JSON_ANSWER}`)).toEqual(ANSWER);
    expect(extractJson(`<think>\n${BRACY_REASONING}\n\`\`\`json\n${JSON_ANSWER}\n\`\`\``)).toEqual(ANSWER);
  });

  it("takes the final channel of a leaked gpt-oss (harmony) answer", () => {
    const harmony = `<|channel|>analysis<|message|>${BRACY_REASONING}<|end|><|start|>assistant<|channel|>final<|message|>${JSON_ANSWER}`;
    expect(extractJson(harmony)).toEqual(ANSWER);
  });

  it("finds nothing when there is only reasoning", () => {
    expect(extractJson("<think>\nI should say {\"comments\": [] } but I ran out of tokens")).toBeUndefined();
  });
});

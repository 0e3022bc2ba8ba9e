// suggestTests: one model request per untested symbol (largest change first,
// capped by the repo config), its own prompt with the symbol's code, the
// module's imports and a style example, secrets redacted; answers shown only
// when they parse, name the symbol and use the framework; the rest counted.
// Real `openai` SDK against the loopback model server.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { TestGap } from "../../../src/analysis/test-gaps/types.js";
import type { FileAnalysis } from "../../../src/analysis/types.js";
import { findingMarker } from "../../../src/core/markers.js";
import { parseFileDiff } from "../../../src/diff/parse-file-diff.js";
import { createModelClient } from "../../../src/llm/create-model-client.js";
import { anchorComments } from "../../../src/review/anchor-comments.js";
import { estimateTokens } from "../../../src/review/estimate-tokens.js";
import { fingerprintFindings } from "../../../src/review/fingerprint-finding.js";
import { suggestTests, type SuggestTestsInput } from "../../../src/review/test-suggestions/suggest-tests.js";
import { SUGGESTION_PROMPT_VERSION } from "../../../src/review/test-suggestions/suggestion-prompt.js";
import { plantedSecrets } from "../../helpers/fake-secrets.js";
import { type ChatRequestBody, MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../../helpers/model-server.js";

const SECRET = plantedSecrets().find((secret) => secret.kind === "github-token") ?? plantedSecrets()[0]!;

// Head version of src/fees.ts: three exported functions, all added by the pull request.
const FEES = [
  'import { round } from "./money.js";', //                                  1
  "", //                                                                     2
  "export function applyFee(amount: number, rate: number): number {", //     3
  `  const audit = "${SECRET.value}";`, //                                   4
  "  return round(amount * (1 + rate));", //                                 5
  "}", //                                                                    6
  "", //                                                                     7
  "export function waiveFee(amount: number): number {", //                   8
  "  return amount;", //                                                     9
  "}", //                                                                   10
  "", //                                                                    11
  "export function feeRate(): number {", //                                 12
  "  return 0.1;", //                                                       13
  "}", //                                                                   14
].join("\n");

const EXAMPLE = 'import { describe, expect, it } from "vitest";\nimport { round } from "../src/money.js";\n\ndescribe("round", () => {\n  it("rounds", () => expect(round(1.005)).toBe(1.01));\n});\n';

function analysisOf(path: string, text: string): FileAnalysis {
  const lines = text.split("\n");
  const patch = `@@ -0,0 +1,${lines.length} @@\n${lines.map((line) => `+${line}`).join("\n")}`;
  const diff = parseFileDiff({ path, status: "added", additions: lines.length, deletions: 0, patch });
  return { path, language: "typescript", diff, declarations: [], hasSyntaxErrors: false };
}

function gap(symbol: string, line: number, endLine: number, extra: Partial<TestGap> = {}): TestGap {
  return { path: "src/fees.ts", language: "typescript", symbol, container: null, kind: "function", line, endLine, signatureLine: line, changedLines: endLine - line + 1, touchedBy: [], existingTest: null, ...extra } as TestGap;
}

const GOOD = (symbol: string) =>
  `import { describe, expect, it } from "vitest";\nimport { ${symbol} } from "../src/fees.js";\n\ndescribe("${symbol}", () => {\n  it("works", () => {\n    expect(${symbol}(100, 0.1)).toBeGreaterThan(0);\n  });\n});\n`;

let server: ModelServer;
beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

function input(gaps: TestGap[], overrides: Partial<SuggestTestsInput> = {}): SuggestTestsInput {
  const analyses = [analysisOf("src/fees.ts", FEES)];
  return {
    client: createModelClient({ baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 2, timeoutMs: 2000, maxRetries: 0, maxOutputTokens: 512 }),
    settings: { suggest: true, maxSuggestions: 3 },
    gaps,
    frameworkFor: () => "vitest",
    analyses,
    headTexts: new Map([["src/fees.ts", FEES]]),
    priorComments: [],
    readHeadFile: async (path) => (path === "test/money.test.ts" ? { kind: "text", text: EXAMPLE } : { kind: "absent" }),
    budget: { chunkTokens: 6000 },
    concurrency: 2,
    ...overrides,
  };
}

const userOf = (body: ChatRequestBody) => body.messages.at(-1)?.content ?? "";
const symbolAsked = (body: ChatRequestBody) => /Write tests for `(\w+)`/.exec(userOf(body))?.[1] ?? "";

describe("suggestTests", () => {
  it("keeps a suggestion that parses and drops, counts and audits one that does not", async () => {
    server.reply((body) => {
      const symbol = symbolAsked(body);
      return { content: JSON.stringify({ code: symbol === "applyFee" ? GOOD(symbol) : `${GOOD(symbol)}\n});\n` }) };
    });
    const result = await suggestTests(input([gap("applyFee", 3, 6, { existingTest: "test/money.test.ts" }), gap("waiveFee", 8, 10)]));

    expect(result.outcome?.suggestions.map(({ symbol, testPath, framework, line }) => ({ symbol, testPath, framework, line }))).toEqual([
      { symbol: "applyFee", testPath: "test/money.test.ts", framework: "vitest", line: 3 },
    ]);
    expect(result.outcome?.dropped).toEqual({ "does-not-parse": 1 });
    expect(result.pointers.map(({ path, line, source }) => ({ path, line, source }))).toEqual([{ path: "src/fees.ts", line: 3, source: "rule:test-suggestion" }]);
    expect(result.exchanges.map((exchange) => [exchange.chunkId, exchange.kept, exchange.promptVersion])).toEqual([
      ["tests:src/fees.ts#applyFee", 1, SUGGESTION_PROMPT_VERSION],
      ["tests:src/fees.ts#waiveFee", 0, SUGGESTION_PROMPT_VERSION],
    ]);
  });

  it("sends the symbol's code redacted, its module's imports and the example test, in a request of its own", async () => {
    server.reply({ content: JSON.stringify({ code: GOOD("applyFee") }) });
    await suggestTests(input([gap("applyFee", 3, 6, { existingTest: "test/money.test.ts" })]));

    expect(server.requests).toHaveLength(1);
    const body = server.requests[0]!;
    const user = userOf(body);
    expect(JSON.stringify(body)).not.toContain(SECRET.value);
    expect(user).toContain("[REDACTED:");
    expect(user).toContain("return round(amount * (1 + rate));");
    expect(user).toContain('<untrusted_imports>\nimport { round } from "./money.js";\n</untrusted_imports>');
    expect(user).toContain('describe("round"');
    expect(user).not.toContain("waiveFee");
    expect(body.response_format?.json_schema?.name).toBe("test_suggestion");
    expect(body.messages[0]?.content).toContain("Vitest");
  });

  it("asks for the largest untested changes first, at most maxSuggestions, never for a symbol a changed test touches", async () => {
    server.reply((body) => ({ content: JSON.stringify({ code: GOOD(symbolAsked(body)) }) }));
    const gaps = [gap("feeRate", 12, 14), gap("applyFee", 3, 6, { touchedBy: ["test/fees.test.ts"] }), gap("waiveFee", 8, 10, { changedLines: 9 })];
    const result = await suggestTests(input(gaps, { settings: { suggest: true, maxSuggestions: 1 } }));

    expect(server.requests.map(symbolAsked)).toEqual(["waiveFee"]);
    expect(result.outcome?.suggestions.map((suggestion) => suggestion.symbol)).toEqual(["waiveFee"]);
  });

  it("asks nothing when the repository switched suggestions off, and says so only when they were asked for", async () => {
    const off = { suggest: false, maxSuggestions: 3 };
    expect(await suggestTests(input([gap("applyFee", 3, 6)], { settings: off }))).toEqual({ pointers: [], exchanges: [] });
    expect((await suggestTests(input([gap("applyFee", 3, 6)], { settings: off, requested: true }))).outcome).toEqual({ suggestions: [], dropped: {}, none: "off" });
    expect(server.requests).toHaveLength(0);
  });

  it("does not ask again about a symbol foureyes already pointed to, unless suggestions were asked for", async () => {
    server.reply((body) => ({ content: JSON.stringify({ code: GOOD(symbolAsked(body)) }) }));
    const first = await suggestTests(input([gap("applyFee", 3, 6)]));
    const analyses = [analysisOf("src/fees.ts", FEES)];
    const { anchored } = anchorComments(first.pointers, new Map(analyses.map((analysis) => [analysis.path, analysis.diff])));
    const [posted] = fingerprintFindings(anchored, analyses, new Map([["src/fees.ts", FEES]]));
    const prior = [{ path: "src/fees.ts", line: 3, body: findingMarker(posted!.identity!), fingerprint: posted!.identity!.fingerprint }];

    const again = await suggestTests(input([gap("applyFee", 3, 6)], { priorComments: prior }));
    expect(again.outcome).toBeUndefined();
    expect(again.pointers).toEqual([]);
    expect(server.requests).toHaveLength(1);

    const asked = await suggestTests(input([gap("applyFee", 3, 6)], { priorComments: prior, requested: true }));
    expect(asked.outcome?.suggestions).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("counts an answer that is not the JSON asked for, and one that misses the symbol or the framework", async () => {
    server.reply((body) => {
      const symbol = symbolAsked(body);
      if (symbol === "applyFee") return { content: JSON.stringify({ tests: "nothing" }) };
      if (symbol === "waiveFee") return { content: JSON.stringify({ code: GOOD("somethingElse") }) };
      return { content: JSON.stringify({ code: GOOD(symbol).replace('"vitest"', '"node:test"') }) };
    });
    const result = await suggestTests(input([gap("applyFee", 3, 6), gap("waiveFee", 8, 10), gap("feeRate", 12, 14)]));

    expect(result.outcome?.suggestions).toEqual([]);
    expect(result.outcome?.dropped).toEqual({ "unusable-answer": 1, "symbol-not-referenced": 1, "framework-not-used": 1 });
    expect(result.pointers).toEqual([]);
  });

  it("shortens the example rather than overrun the budget, and drops a symbol that does not fit at all", async () => {
    server.reply({ content: JSON.stringify({ code: GOOD("applyFee") }) });
    const big = { kind: "text" as const, text: `${EXAMPLE}${"// filler line of the example test\n".repeat(100)}` };
    await suggestTests(input([gap("applyFee", 3, 6, { existingTest: "test/money.test.ts" })], { readHeadFile: async () => big, budget: { chunkTokens: 400 } }));
    const user = userOf(server.requests[0]!);
    expect(user).toContain('describe("round"');
    expect(user.split("filler line").length - 1).toBeLessThan(100);
    expect(estimateTokens(user)).toBeLessThanOrEqual(400);

    const tiny = await suggestTests(input([gap("applyFee", 3, 6)], { budget: { chunkTokens: 20 } }));
    expect(tiny.outcome?.dropped).toEqual({ "prompt-too-large": 1 });
    expect(server.requests).toHaveLength(1);
  });
});

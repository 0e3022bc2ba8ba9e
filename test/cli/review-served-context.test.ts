// The CLI sizes its requests to the context window the model server serves,
// as the worker does: against an Ollama that runs the model with 8,192
// tokens, a large local change is reviewed in several requests that each fit,
// prompt and answer together, instead of one prompt Ollama would cut.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { estimateTokens } from "../../src/review/estimate-tokens.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { cliEnv, createFeatureRepo, runCliInProcess, type TempRepo } from "./cli-fixtures.js";

const SERVED_TOKENS = 8192;
let server: ModelServer;
let repo: TempRepo;

/** A module of `count` small exported functions, each with a body worth reading. */
function module(name: string, count: number): string {
  return Array.from(
    { length: count },
    (_, index) => `export function ${name}${index}(input: number[]): number {\n  const kept = input.filter((value) => value % ${index + 2} === 0);\n  return kept.reduce((sum, value) => sum + value * ${index}, 0);\n}\n`,
  ).join("\n");
}

beforeAll(async () => {
  server = await startModelServer({ content: '{"comments": []}' }, { served: { kind: "ollama", contextLength: 131_072, numCtx: SERVED_TOKENS } });
  repo = await createFeatureRepo({
    base: { "README.md": "# fixture\n" },
    head: Object.fromEntries(["ledger", "payments", "accounts", "limits", "fees", "rates"].map((name) => [`src/${name}.ts`, module(name, 60)])),
    headMessage: "Add the money modules",
  });
});

afterAll(async () => {
  await server.close();
  await repo.remove();
});

describe("foureyes review against a model server with a small context window", () => {
  it("sends several requests, each within the served window, and reviews every file", async () => {
    const env = cliEnv({ FOUREYES_MODEL_URL: server.url, FOUREYES_MODEL: MODEL_SERVER_MODEL, FOUREYES_MODEL_MAX_OUTPUT_TOKENS: "4096" });
    const run = await runCliInProcess(["review", "--format", "json"], repo.dir, env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    expect(server.requests.length).toBeGreaterThan(1);
    for (const request of server.requests) {
      const prompt = estimateTokens(request.messages.map((message) => message.content).join("\n"));
      expect(prompt + (request.max_tokens ?? 0)).toBeLessThanOrEqual(SERVED_TOKENS);
    }
    const sent = server.requests.map((request) => request.messages.map((message) => message.content).join("\n")).join("\n");
    for (const name of ["ledger", "payments", "accounts", "limits", "fees", "rates"]) expect(sent).toContain(`src/${name}.ts`);
  });
});

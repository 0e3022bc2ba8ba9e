// `foureyes review --format json` lists validated test suggestions as
// `testSuggestions: [{path, symbol, testPath, framework, code}]`, in-process
// against a throwaway git repository and the loopback model server.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { reviewJsonSchema } from "../../src/cli/review-json.js";
import { type ChatRequestBody, MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { cliEnv, createFeatureRepo, runCliInProcess, type TempRepo } from "./cli-fixtures.js";

const PACKAGE_JSON = `${JSON.stringify({ name: "ledger", scripts: { test: "vitest run" }, devDependencies: { vitest: "^4.0.0" } })}\n`;
const FEES = "export function applyFee(amount: number, rate: number): number {\n  return amount * (1 + rate);\n}\n";
const TEST = 'import { expect, it } from "vitest";\n\nimport { applyFee } from "./fees.js";\n\nit("adds the fee", () => {\n  expect(applyFee(100, 0.5)).toBe(150);\n});\n';

let server: ModelServer;
let repo: TempRepo;

beforeAll(async () => {
  server = await startModelServer((body: ChatRequestBody) =>
    body.response_format?.json_schema?.name === "test_suggestion" ? { content: JSON.stringify({ code: TEST }) } : { content: '{"comments": []}' },
  );
  repo = await createFeatureRepo({ base: { "package.json": PACKAGE_JSON, "README.md": "# ledger\n" }, head: { "src/fees.ts": FEES }, headMessage: "Add fees" });
});

afterAll(async () => {
  await server.close();
  await repo.remove();
});

describe("foureyes review --format json", () => {
  it("lists the validated test suggestion with its proposed path and framework", async () => {
    const run = await runCliInProcess(["review", "--format", "json"], repo.dir, cliEnv({ FOUREYES_MODEL_URL: server.url, FOUREYES_MODEL: MODEL_SERVER_MODEL }));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = reviewJsonSchema.parse(JSON.parse(run.stdout));
    expect(json.testSuggestions).toEqual([{ path: "src/fees.ts", symbol: "applyFee", testPath: "src/fees.test.ts", framework: "vitest", code: TEST }]);
    expect(json.stats.testSuggestions).toBe(1);
  });
});

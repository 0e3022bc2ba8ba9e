// Done-when for test gaps through the CLI: a planted change to one tested and
// one untested exported function (a new module with a test file the change leaves alone, and one with no test at all) in a
// real git repository; `foureyes review --format json` says which is which,
// and the markdown carries the same table.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { reviewJsonSchema } from "../../src/cli/review-json.js";
import { judgeRenderedMarkdown } from "../helpers/judge-rendered-markdown.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { cliEnv, createFeatureRepo, runCliInProcess, type TempRepo } from "./cli-fixtures.js";

const MONEY = (change: string) => `export function add(a: number, b: number): number {
  return a + b${change};
}

export function subtract(a: number, b: number): number {
  return a - b${change};
}
`;
const TEST = (extra: string) => `import { describe, expect, it } from "vitest";

import { add } from "../src/money.js";

describe("add", () => {
  it("adds", () => expect(add(1, 2)).toBe(3));${extra}
});
`;
const FEES = "export function fee(amount: number): number {\n  return amount / 100;\n}\n";
const RATES = "export function rate(): number {\n  return 0.05;\n}\n";

let server: ModelServer;
let repo: TempRepo;

beforeAll(async () => {
  server = await startModelServer();
  repo = await createFeatureRepo({
    base: { "src/money.ts": MONEY(""), "test/money.test.ts": TEST(""), "package.json": '{ "devDependencies": { "vitest": "^3" } }\n', "test/fees.spec.ts": "it.todo('fees');\n" },
    head: { "src/money.ts": MONEY(" + 0"), "test/money.test.ts": TEST('\n  it("adds zero", () => expect(add(1, 0)).toBe(1));'), "src/fees.ts": FEES, "src/rates.ts": RATES },
    headMessage: "Change add and subtract, add fee",
  });
});

afterAll(async () => {
  await server.close();
  await repo.remove();
});

describe("foureyes review and test gaps", () => {
  const env = () => cliEnv({ FOUREYES_MODEL_URL: server.url, FOUREYES_MODEL: MODEL_SERVER_MODEL });

  it("lists each changed exported symbol with whether this change touched a test for it, and the module's test file", async () => {
    const run = await runCliInProcess(["review", "--format", "json"], repo.dir, env());
    expect(run.code, run.stderr).toBe(0);
    const json = reviewJsonSchema.parse(JSON.parse(run.stdout));
    expect(json.testGaps).toEqual([
      // Only the head's file list knows test/fees.spec.ts: the change does not touch it.
      { path: "src/fees.ts", symbol: "fee", line: 1, testTouched: false, existingTest: "test/fees.spec.ts" },
      { path: "src/money.ts", symbol: "add", line: 1, testTouched: true, existingTest: "test/money.test.ts" },
      { path: "src/money.ts", symbol: "subtract", line: 5, testTouched: false, existingTest: "test/money.test.ts" },
      { path: "src/rates.ts", symbol: "rate", line: 1, testTouched: false, existingTest: null },
    ]);
  });

  it("prints the same table in the markdown, safely", async () => {
    const run = await runCliInProcess(["review"], repo.dir, env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("**Tests:** 3 of 4 changed exported symbols not exercised by a test changed in this pull request.");
    expect(run.stdout).toContain("| `add` in `src/money.ts:1` | 1 in 1–3 | yes: `test/money.test.ts` | `test/money.test.ts` |");
    expect(run.stdout).toContain("| `rate` in `src/rates.ts:1` | 3 in 1–3 | **no** | none |");
    expect(judgeRenderedMarkdown(run.stdout)).toEqual([]);
  });
});

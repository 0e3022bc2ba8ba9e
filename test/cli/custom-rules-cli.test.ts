// `foureyes review` on a local range runs the repository's own rule packs as
// they are at the base commit (the change cannot bring its own), and names a
// custom rule that does not compile in its output without stopping.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { reviewJsonSchema } from "../../src/cli/review-json.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { cliEnv, createFeatureRepo, runCliInProcess, type TempRepo } from "./cli-fixtures.js";

const pack = (id: string, query: string) =>
  ["pack: team", "languages: [typescript]", "rules:", `  - id: ${id}`, "    severity: major", "    category: bug", "    message: Use the ledger client.", "    query: |", `      ${query}`, ""].join("\n");

const RAW_WRITE = pack("no-raw-ledger-write", '((call_expression function: (member_expression property: (property_identifier) @p)) @match (#eq? @p "rawWrite"))');
const BROKEN = pack("broken-node", "(call_expression function: (no_such_node)) @match");
const ANY_CALL = pack("any-call-at-head", "(call_expression) @match");

let repo: TempRepo;
let server: ModelServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startModelServer();
  env = cliEnv({ FOUREYES_MODEL_URL: server.url, FOUREYES_MODEL: MODEL_SERVER_MODEL });
  repo = await createFeatureRepo({
    base: {
      ".github/foureyes.yml": "rules:\n  custom: true\n",
      ".github/foureyes/rules/team.yml": RAW_WRITE,
      ".github/foureyes/rules/broken.yml": BROKEN,
      "src/ledger.ts": "export function book(entry: Entry): void {\n  ledger.write(entry);\n}\n",
    },
    head: {
      // A pack the change itself adds: it must not run on its own review.
      ".github/foureyes/rules/head.yml": ANY_CALL,
      "src/ledger.ts": "export function book(entry: Entry): void {\n  ledger.write(entry);\n  ledger.rawWrite(entry);\n}\n",
    },
    baseMessage: "base",
    headMessage: "head",
  });
});

afterAll(async () => {
  await repo.remove();
  await server.close();
});

describe("custom rules in foureyes review", () => {
  it("runs the base commit's packs, not the head's, and names the broken rule in the JSON and the markdown", async () => {
    const json = await runCliInProcess(["review", "--base", "main", "--head", "feature", "--format", "json"], repo.dir, env);
    expect(json.code).toBe(0);
    const review = reviewJsonSchema.parse(JSON.parse(json.stdout));
    expect(review.comments.map((comment) => [comment.path, comment.line, comment.source])).toContainEqual(["src/ledger.ts", 3, "rule:no-raw-ledger-write"]);
    expect(review.comments.map((comment) => comment.source)).not.toContain("rule:any-call-at-head");
    expect(review.ruleProblems).toEqual([
      ".github/foureyes/rules/broken.yml: rule broken-node: the query does not compile for typescript: unknown node type `no_such_node` at line 9, column 35 (query line 1, column 29)",
    ]);

    const markdown = await runCliInProcess(["review", "--base", "main", "--head", "feature"], repo.dir, env);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("Custom rules that did not run");
    expect(markdown.stdout).toMatch(/broken\.yml.*broken-node.*no.?_such.?_node/);
  });
});

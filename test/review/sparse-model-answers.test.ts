// Answers the way unconstrained models write them: comment items with only
// path, line and body. Through the whole pipeline and the real model client
// against the loopback server, they become comments (side from the line's
// place in the diff, severity minor, category from the text), and the
// defaults are counted.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import type { ReviewLimits } from "../../src/config/server-env.js";
import type { ChangedFile } from "../../src/core/diff.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import type { ModelExchange } from "../../src/review/ask-model.js";
import type { ReviewSink, ReviewSource } from "../../src/review/ports.js";
import { runReview } from "../../src/review/run.js";
import type { ReviewResult } from "../../src/review/types.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";

const limits: ReviewLimits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };

// Old lines 1-10; line 2 replaced, old lines 8 and 9 removed. New lines 1-8.
const PATCH = [
  "@@ -1,10 +1,8 @@",
  " export function charge(amount: number, account: string) {",
  "-  const query = `SELECT * FROM accounts WHERE id = ?`;",
  "+  const query = `SELECT * FROM accounts WHERE id = '${account}'`;",
  "   const rows = db.run(query, [account]);",
  "   for (const row of rows) {",
  "     for (const other of rows) total += row.fee * other.fee;",
  "   }",
  "   const total = amount;",
  "-  if (amount <= 0) throw new Error(\"amount must be positive\");",
  "-  audit(account, amount);",
  "   return total;",
].join("\n");
const HEAD = [
  "export function charge(amount: number, account: string) {",
  "  const query = `SELECT * FROM accounts WHERE id = '${account}'`;",
  "  const rows = db.run(query, [account]);",
  "  for (const row of rows) {",
  "    for (const other of rows) total += row.fee * other.fee;",
  "  }",
  "  const total = amount;",
  "  return total;",
  "}",
].join("\n");
const FILE: ChangedFile = { path: "src/pay.ts", status: "modified", additions: 1, deletions: 3, patch: PATCH };

const SPARSE_ANSWER = {
  comments: [
    { path: "src/pay.ts", line: 2, body: "Building the query from `account` opens a SQL injection; keep the placeholder." },
    { path: "src/pay.ts", line: 5, body: "This nested loop is quadratic and will be slow on large accounts." },
    { path: "src/pay.ts", line: 9, body: "Removing the audit call means no test covers the audit trail any more; add one." },
    { path: "src/pay.ts", line: 7, body: "`total` is used before it is declared, so this throws at runtime." },
    { path: "src/pay.ts", line: 3 },
  ],
};

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer();
});
afterAll(async () => {
  await server.close();
});

function source(): ReviewSource {
  return {
    async loadSnapshot() {
      return {
        label: "acme/app#7",
        title: "Charge by account",
        description: "",
        baseSha: "b".repeat(40),
        headSha: "a".repeat(40),
        draft: false,
        authorIsBot: false,
        files: [FILE],
        config: { ...DEFAULT_REPO_CONFIG, maxComments: 50, minSeverity: "nit" as const },
        priorComments: [],
      };
    },
    async readHeadFile() {
      return { kind: "text", text: HEAD };
    },
  };
}

describe("sparse model answers", () => {
  it("turns path + line + body items into comments with defaults, and counts the defaults", async () => {
    server.reply({ content: JSON.stringify(SPARSE_ANSWER) });
    const published: ReviewResult[] = [];
    const sink: ReviewSink = { async publish(result) { published.push(result); } };
    const settings = { baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 2000, maxRetries: 0, maxOutputTokens: 1024 };

    const exchanges: ModelExchange[] = [];
    const recordModelCalls = async (calls: ModelExchange[]) => void exchanges.push(...calls);
    await runReview({ source: source(), sink, model: createModelClient(settings), limits, modelConcurrency: 1, recordModelCalls });

    const result = published[0]!;
    const byLine = (line: number) => result.comments.find((comment) => comment.line === line);
    expect(byLine(2)).toMatchObject({ side: "RIGHT", severity: "minor", category: "security", source: "model" });
    expect(byLine(5)).toMatchObject({ side: "RIGHT", severity: "minor", category: "performance" });
    // Old line 9 was removed and new line 9 is not in the diff: the removed line is meant.
    expect(byLine(9)).toMatchObject({ side: "LEFT", severity: "minor", category: "test" });
    expect(byLine(7)).toMatchObject({ side: "RIGHT", severity: "minor", category: "bug" });
    expect(result.comments).toHaveLength(4);
    expect(result.stats).toMatchObject({ commentsInvalid: 1, commentsDefaulted: 4 });
    // The audit trail's model.call record carries the same counts.
    expect(exchanges[0]?.defaulted).toEqual({ comments: 4, side: 4, severity: 4, category: 4 });
  });

  it("keeps what the model did say and counts only the items it filled in", async () => {
    const full = { path: "src/pay.ts", line: 2, side: "RIGHT", severity: "critical", category: "security", body: "SQL injection." };
    server.reply({ content: JSON.stringify({ comments: [full, { path: "src/pay.ts", line: 7, severity: "major", body: "Crashes." }] }) });
    const published: ReviewResult[] = [];
    const settings = { baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 1, timeoutMs: 2000, maxRetries: 0, maxOutputTokens: 1024 };

    await runReview({ source: source(), sink: { async publish(result) { published.push(result); } }, model: createModelClient(settings), limits, modelConcurrency: 1 });

    const result = published[0]!;
    expect(result.comments.find((comment) => comment.line === 2)).toMatchObject({ severity: "critical", category: "security", side: "RIGHT" });
    expect(result.comments.find((comment) => comment.line === 7)).toMatchObject({ severity: "major", category: "bug", side: "RIGHT" });
    expect(result.stats).toMatchObject({ commentsInvalid: 0, commentsDefaulted: 1 });
  });
});

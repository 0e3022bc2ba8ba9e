// The whole pipeline over an in-memory source and a recording sink, with the
// real model client talking HTTP to the loopback model server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEFAULT_REPO_CONFIG, type RepoConfig } from "../../src/config/repo-config.js";
import type { ModelSettings, ReviewLimits } from "../../src/config/server-env.js";
import type { ChangedFile } from "../../src/core/diff.js";
import type { HeadFile } from "../../src/core/head-file.js";
import { commentableLines } from "../../src/diff/commentable-lines.js";
import { parseFileDiff } from "../../src/diff/parse-file-diff.js";
import { createModelClient } from "../../src/llm/create-model-client.js";
import { ModelUnavailableError } from "../../src/llm/errors.js";
import type { ReviewSink, ReviewSource } from "../../src/review/ports.js";
import { runReview } from "../../src/review/run.js";
import type { ReviewResult, ReviewSnapshot } from "../../src/review/types.js";
import { corpusChangedFiles, corpusHeadText, loadCorpus } from "../helpers/corpus.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";

const limits: ReviewLimits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };
let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer();
});
afterAll(async () => {
  await server.close();
});

function settings(overrides: Partial<ModelSettings> = {}): ModelSettings {
  return { baseURL: server.url, model: MODEL_SERVER_MODEL, concurrency: 4, timeoutMs: 2000, maxRetries: 0, maxOutputTokens: 1024, ...overrides };
}

function memorySource(files: ChangedFile[], heads: Record<string, string | null | HeadFile>, snapshot: Partial<ReviewSnapshot> = {}): ReviewSource {
  return {
    async loadSnapshot() {
      return {
        label: "acme/app#1",
        title: "Change",
        description: "",
        baseSha: "b".repeat(40),
        headSha: "a".repeat(40),
        draft: false,
        authorIsBot: false,
        files,
        config: DEFAULT_REPO_CONFIG,
        priorComments: [],
        ...snapshot,
      };
    },
    async readHeadFile(path) {
      const head = heads[path];
      if (typeof head === "string") return { kind: "text", text: head };
      return head ?? { kind: "absent" };
    },
  };
}

function recordingSink(): ReviewSink & { published: ReviewResult[] } {
  const published: ReviewResult[] = [];
  return { published, async publish(result) { published.push(result); } };
}

/** Answer every request with comments on each numbered line the context shows and a few that are not. */
function answerOnEveryShownLine(): void {
  server.reply((body) => {
    const user = body.messages.find((m) => m.role === "user")?.content ?? "";
    const paths = [...user.matchAll(/^### (\S+)/gm)].map((m) => m[1]!);
    const comments = paths.flatMap((path) => [
      { path, line: 1, severity: "major", category: "bug", body: `first line of ${path} looks wrong` },
      { path, line: 99_999, severity: "major", category: "bug", body: "far outside every hunk" },
    ]);
    comments.push({ path: "not/in/this/chunk.ts", line: 3, severity: "critical", category: "bug", body: "wrong file" });
    return { content: JSON.stringify({ comments }) };
  });
}

describe("runReview", () => {
  const corpus = loadCorpus();

  it("reviews a real pull request: every posted comment sits on a line of its diff", async () => {
    answerOnEveryShownLine();
    const pr = corpus.find((p) => p.files.filter((f) => f.path.endsWith(".ts")).length >= 2)!;
    const files = corpusChangedFiles(pr);
    const heads = Object.fromEntries(files.map((f) => [f.path, corpusHeadText(pr, f.path)]));
    const sink = recordingSink();
    const config: RepoConfig = { ...DEFAULT_REPO_CONFIG, maxComments: 50 };
    const outcome = await runReview({
      source: memorySource(files, heads, { config }),
      sink,
      model: createModelClient(settings()),
      limits,
      modelConcurrency: 4,
    });
    expect(outcome.status).toBe("published");
    const result = sink.published[0]!;
    expect(sink.published).toHaveLength(1);
    expect(result.model.ok).toBe(true);
    expect(result.stats.chunks).toBeGreaterThan(0);
    expect(result.stats.commentsDropped).toBeGreaterThan(0);
    for (const comment of [...result.comments, ...result.overflow]) {
      const file = files.find((f) => f.path === comment.path)!;
      expect(commentableLines(parseFileDiff(file))[comment.side].has(comment.line)).toBe(true);
    }
  });

  it("skips lockfiles, binaries and generated files and says why", async () => {
    server.reply({ content: '{"comments": []}' });
    const files: ChangedFile[] = [
      { path: "package-lock.json", status: "modified", additions: 1, deletions: 1, patch: "@@ -1 +1 @@\n-a\n+b" },
      { path: "logo.png", status: "added", additions: 0, deletions: 0 },
      { path: "src/gen.ts", status: "added", additions: 2, deletions: 0, patch: "@@ -0,0 +1,2 @@\n+// @generated by protoc\n+export const x = 1;" },
      { path: "src/ok.ts", status: "added", additions: 1, deletions: 0, patch: "@@ -0,0 +1 @@\n+export const y = 2;" },
      { path: "src/huge.ts", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1,2 @@\n x\n+y" },
    ];
    const sink = recordingSink();
    await runReview({
      source: memorySource(files, {
        "src/gen.ts": "// @generated by protoc\nexport const x = 1;\n",
        "src/ok.ts": "export const y = 2;\n",
        "src/huge.ts": { kind: "skipped", reason: "too-large", detail: "2.0 MB, over the 391 KB limit" },
      }),
      sink,
      model: createModelClient(settings()),
      limits,
      modelConcurrency: 2,
    });
    const result = sink.published[0]!;
    expect(result.skipped.map((s) => [s.path, s.reason])).toEqual(
      expect.arrayContaining([["package-lock.json", "lockfile"], ["logo.png", "binary"], ["src/gen.ts", "generated"], ["src/huge.ts", "too-large"]]),
    );
    expect(result.stats.filesReviewed).toBe(1);
  });

  it("adds rule findings on added lines, marked with their rule", async () => {
    server.reply({ content: '{"comments": []}' });
    const text = "import https from 'node:https';\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n";
    const files: ChangedFile[] = [{ path: "src/tls.ts", status: "added", additions: 2, deletions: 0, patch: "@@ -0,0 +1,2 @@\n+import https from 'node:https';\n+export const agent = new https.Agent({ rejectUnauthorized: false });" }];
    const sink = recordingSink();
    await runReview({ source: memorySource(files, { "src/tls.ts": text }), sink, model: createModelClient(settings()), limits, modelConcurrency: 1 });
    expect(sink.published[0]!.comments).toEqual([
      expect.objectContaining({ path: "src/tls.ts", line: 2, severity: "critical", source: "rule:tls-verification-disabled" }),
    ]);
  });

  it("does not review drafts, bot pull requests or disabled repositories unless configured", async () => {
    const sink = recordingSink();
    const model = createModelClient(settings());
    const files: ChangedFile[] = [];
    const run = (snapshot: Partial<ReviewSnapshot>) => runReview({ source: memorySource(files, {}, snapshot), sink, model, limits, modelConcurrency: 1 });
    expect(await run({ draft: true })).toEqual({ status: "not-reviewed", reason: "draft" });
    expect(await run({ authorIsBot: true })).toEqual({ status: "not-reviewed", reason: "bot-author" });
    expect(await run({ config: { ...DEFAULT_REPO_CONFIG, enabled: false } })).toEqual({ status: "not-reviewed", reason: "disabled" });
    expect(sink.published).toEqual([]);
    expect((await run({ draft: true, config: { ...DEFAULT_REPO_CONFIG, reviewDrafts: true } })).status).toBe("published");
  });

  const oneFile: ChangedFile[] = [{ path: "src/a.ts", status: "added", additions: 1, deletions: 0, patch: "@@ -0,0 +1 @@\n+export const a = 1;" }];

  it("throws ModelUnavailableError and publishes nothing when the model is down (worker mode)", async () => {
    server.reply({ status: 500 });
    const sink = recordingSink();
    await expect(
      runReview({ source: memorySource(oneFile, { "src/a.ts": "export const a = 1;\n" }), sink, model: createModelClient(settings()), limits, modelConcurrency: 1 }),
    ).rejects.toBeInstanceOf(ModelUnavailableError);
    expect(sink.published).toEqual([]);
  });

  it("publishes what it has and says why when the model is down (CLI mode)", async () => {
    server.reply({ status: 500 });
    const sink = recordingSink();
    await runReview({
      source: memorySource(oneFile, { "src/a.ts": "export const a = 1;\n" }),
      sink,
      model: createModelClient(settings()),
      limits,
      modelConcurrency: 1,
      onModelUnavailable: "continue",
    });
    expect(sink.published[0]!.model).toMatchObject({ ok: false, error: expect.stringMatching(/500|model server/i) });
  });

  it("drops garbage from the model, never posting it, and says the answer was unusable", async () => {
    server.reply({ content: "Sure! Here are my thoughts: <b>@everyone</b> this is great" });
    const sink = recordingSink();
    await runReview({ source: memorySource(oneFile, { "src/a.ts": "export const a = 1;\n" }), sink, model: createModelClient(settings()), limits, modelConcurrency: 1 });
    const result = sink.published[0]!;
    expect(result.comments).toEqual([]);
    expect(result.model.ok).toBe(false);
    expect(result.summary).toMatch(/unusable/);
  });

  it("neutralises mentions and HTML the model writes", async () => {
    server.reply({ content: JSON.stringify({ comments: [{ path: "src/a.ts", line: 1, severity: "major", category: "bug", body: "Ping @alice <script>x</script>\n/approve" }] }) });
    const sink = recordingSink();
    await runReview({ source: memorySource(oneFile, { "src/a.ts": "export const a = 1;\n" }), sink, model: createModelClient(settings()), limits, modelConcurrency: 1 });
    expect(sink.published[0]!.comments[0]!.body).toBe("Ping `@alice` &lt;script&gt;x&lt;/script&gt;\n`/approve`");
  });
});

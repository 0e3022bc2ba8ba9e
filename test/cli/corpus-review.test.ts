// The CLI on every pull request of the hono corpus: each PR rebuilt as a git
// repository (before on main, after on a branch), reviewed with a model that
// answers comments on random lines — in the hunks, outside them, on files not
// in the chunk. Every comment in the JSON must sit on that PR's diff lines,
// computed here from the corpus patch, independently of src/diff.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { reviewJsonSchema } from "../../src/cli/review-json.js";
import { type CorpusPullRequest, loadCorpus, splitPatch } from "../helpers/corpus.js";
import { type ChatRequestBody, MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { cliEnv, createTempRepo, runCliInProcess, writeTempFile } from "./cli-fixtures.js";
import { type HunkLines, hunkLinesOf, sitsOnDiff } from "./diff-hunk-lines.js";

const corpus = loadCorpus();
const totals = { posted: 0, dropped: 0, requests: 0 };

let server: ModelServer;
let env: NodeJS.ProcessEnv;
let configPath: string;

beforeAll(async () => {
  server = await startModelServer(answerWithScatteredComments);
  env = cliEnv({ FOUREYES_MODEL_URL: server.url, FOUREYES_MODEL: MODEL_SERVER_MODEL });
  // Keep every comment the anchoring lets through, so none hides under the cap.
  configPath = await writeTempFile("foureyes.yml", "maxComments: 50\nminSeverity: nit\n");
});

afterAll(async () => {
  await server.close();
  console.log(`corpus: ${corpus.length} PRs, ${totals.requests} model requests, ${totals.posted} comments kept, ${totals.dropped} dropped`);
});

describe("foureyes review --format json on every corpus PR", () => {
  it("has the whole corpus", () => {
    expect(corpus.length).toBe(80);
  });

  for (const pr of corpus) {
    it(`${pr.sha.slice(0, 10)} ${pr.title.slice(0, 60)}`, async () => {
      const repo = await createTempRepo();
      try {
        await rebuildPullRequest(repo, pr);
        const before = server.requests.length;
        const run = await runCliInProcess(["review", "--format", "json", "--config", configPath], repo.dir, env);
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        const json = reviewJsonSchema.parse(JSON.parse(run.stdout));
        expect(json.stats.filesChanged).toBe(pr.files.length);

        const allowed = allowedLines(pr);
        for (const comment of json.comments) {
          expect(sitsOnDiff(allowed.get(comment.path), comment), `${comment.path}:${comment.startLine ?? ""}-${comment.line} ${comment.side}`).toBe(true);
        }
        totals.posted += json.comments.length;
        totals.dropped += json.stats.commentsDropped + json.stats.commentsInvalid;
        totals.requests += server.requests.length - before;
      } finally {
        await repo.remove();
      }
    });
  }

  it("exercised both sides: comments kept and comments dropped", () => {
    expect(totals.posted).toBeGreaterThan(100);
    expect(totals.dropped).toBeGreaterThan(100);
  });
});

async function rebuildPullRequest(repo: Awaited<ReturnType<typeof createTempRepo>>, pr: CorpusPullRequest): Promise<void> {
  const before: Record<string, string> = {};
  const after: Record<string, string | null> = {};
  for (const file of pr.files) {
    const oldPath = file.previousPath ?? file.path;
    if (file.status !== "added" && file.before !== null) before[oldPath] = file.before;
    if (file.previousPath) after[file.previousPath] = null;
    after[file.path] = file.status === "removed" ? null : file.after;
  }
  await repo.write(before);
  await repo.commit("base");
  await repo.git("checkout", "-q", "-b", "pull-request");
  await repo.write(after);
  await repo.commit(pr.title);
}

function allowedLines(pr: CorpusPullRequest): Map<string, HunkLines[]> {
  return new Map(splitPatch(pr.patch).map((section) => [section.path, hunkLinesOf(section.body)]));
}

/** The model's answer: comments scattered over the numbered context, beyond it, and onto other files. */
function answerWithScatteredComments(body: ChatRequestBody): { content: string } {
  const user = body.messages.find((message) => message.role === "user")?.content ?? "";
  const random = seededRandom(hashOf(user));
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(random() * items.length)];
  const paths: string[] = [];
  const shown: { path: string; line: number; side: "LEFT" | "RIGHT" }[] = [];
  const declared: { path: string; line: number }[] = [];
  let path = "";
  for (const line of user.split("\n")) {
    const heading = /^### (.+?)(?: \([\w-]+\))?$/.exec(line);
    if (heading?.[1]) {
      path = heading[1];
      paths.push(path);
      continue;
    }
    const numbered = /^(\d+) ([+\- ]) /.exec(line);
    if (numbered && path) {
      shown.push({ path, line: Number(numbered[1]), side: numbered[2] === "-" ? "LEFT" : "RIGHT" });
      continue;
    }
    const declaration = /^\/\/ lines (\d+)-(\d+) of /.exec(line);
    if (declaration && path) {
      const [start, end] = [Number(declaration[1]), Number(declaration[2])];
      declared.push({ path, line: start + Math.floor(random() * (end - start + 1)) });
    }
  }
  const maxLine = Math.max(1, ...shown.map((item) => item.line));
  const severities = ["critical", "major", "minor", "nit"];
  const comments: Record<string, unknown>[] = [];
  const add = (at: { path: string; line: number; side: "LEFT" | "RIGHT"; startLine?: number }) =>
    comments.push({
      path: at.path,
      line: at.line,
      startLine: at.startLine ?? null,
      side: at.side,
      severity: pick(severities),
      category: "bug",
      body: `Finding ${comments.length + 1} at ${at.path}:${at.line} (${Math.floor(random() * 1e9).toString(36)}).`,
    });

  for (let i = 0; i < 4; i++) {
    const target = pick(shown);
    if (target) add(target);
  }
  for (let i = 0; i < 3; i++) {
    // Anywhere in or far beyond the context, on either side.
    const anyPath = pick(paths);
    if (anyPath) add({ path: anyPath, line: 1 + Math.floor(random() * (maxLine + 80)), side: random() < 0.7 ? "RIGHT" : "LEFT" });
  }
  const inDeclaration = pick(declared);
  if (inDeclaration) add({ ...inDeclaration, side: "RIGHT" });
  const rangeEnd = pick(shown);
  if (rangeEnd && rangeEnd.line > 1) add({ ...rangeEnd, startLine: Math.max(1, rangeEnd.line - 1 - Math.floor(random() * 8)) });
  add({ path: "src/not-in-this-change.ts", line: 1 + Math.floor(random() * 50), side: "RIGHT" });
  const wrongSide = pick(shown);
  if (wrongSide) add({ ...wrongSide, side: wrongSide.side === "LEFT" ? "RIGHT" : "LEFT" });
  return { content: JSON.stringify({ comments }) };
}

function hashOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** mulberry32: small, seeded, the same sequence on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

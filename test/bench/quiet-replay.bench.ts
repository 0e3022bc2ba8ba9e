// Each corpus pull request replayed as two pushes (first half of each file's
// hunks, then all of them) through the review pipeline, the rule packs and a
// stand-in model that says the same about the same code as the findings: comments posted per pull request when the
// second review repeats the whole pull request and knows the first review's
// words only (as before findings had identities), against the second review
// covering the changes since the first, knowing its fingerprints.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import type { PriorComment } from "../../src/core/comments.js";
import type { ChangedFile } from "../../src/core/diff.js";
import { parseFileDiff } from "../../src/diff/parse-file-diff.js";
import type { ModelClient } from "../../src/llm/model-client.js";
import { narrowToChanges } from "../../src/review/narrow-to-changes.js";
import { runReview } from "../../src/review/run.js";
import type { ReviewResult, ReviewScope } from "../../src/review/types.js";
import { CORPUS_LANGUAGES, corpusChangedFiles, type CorpusPullRequest, loadCorpus, loadLanguageCorpus } from "../helpers/corpus.js";
import { BENCH_LIMITS } from "./analysis.bench.js";

/**
 * A stand-in model that always says the same about the same code: one comment
 * on every added line with a `return` or an `if`, worded from the line.
 */
const steadyModel: ModelClient = {
  name: "steady",
  complete: async (request) => {
    const text = request.user;
    const comments: unknown[] = [];
    let path = "";
    for (const line of text.split("\n")) {
      if (line.startsWith("### ")) path = line.slice(4).replace(/ \([^)]*\)$/, "").trim();
      const added = /^\s*(\d+) \+ (.*)$/.exec(line);
      if (!added || !/\b(return|if)\b/.test(added[2]!)) continue;
      const body = `Check what \`${added[2]!.trim().slice(0, 40).replaceAll("`", "'")}\` does when its input is empty.`;
      comments.push({ path, line: Number(added[1]), startLine: null, side: "RIGHT", severity: "major", category: "bug", body });
    }
    return { json: { comments }, mode: "json_schema", raw: JSON.stringify({ comments }) };
  },
};

interface Push {
  files: ChangedFile[];
  heads: Map<string, string | null>;
}

async function review(push: Push, prior: PriorComment[], scope: ReviewScope): Promise<ReviewResult | null> {
  const snapshot = {
    label: "corpus",
    title: "",
    description: "",
    baseSha: "0".repeat(40),
    headSha: "1".repeat(40),
    draft: false,
    authorIsBot: false,
    files: push.files,
    config: { ...DEFAULT_REPO_CONFIG, maxComments: 1000 },
    priorComments: prior,
    scope,
  };
  let published: ReviewResult | null = null;
  const source = {
    loadSnapshot: async () => snapshot,
    readHeadFile: async (path: string) => {
      const text = push.heads.get(path) ?? null;
      return text === null ? ({ kind: "absent" } as const) : ({ kind: "text", text } as const);
    },
  };
  const outcome = await runReview({ source, sink: { publish: async (result) => void (published = result) }, model: steadyModel, limits: BENCH_LIMITS, modelConcurrency: 1 });
  return outcome.status === "published" ? published : null;
}

/** The first half (rounded up) of each file's hunks, and the head texts those hunks make of the base. */
function firstPush(pr: CorpusPullRequest): Push {
  const files: ChangedFile[] = [];
  const heads = new Map<string, string | null>();
  for (const file of corpusChangedFiles(pr)) {
    const before = pr.files.find((candidate) => candidate.path === file.path)?.before ?? "";
    if (file.patch === undefined || file.status === "removed") continue;
    const hunks = file.patch.split(/\n(?=@@)/);
    const patch = hunks.slice(0, Math.ceil(hunks.length / 2)).join("\n");
    files.push({ ...file, patch });
    heads.set(file.path, applyHunks(before, { ...file, patch }));
  }
  return { files, heads };
}

function applyHunks(before: string, file: ChangedFile): string {
  const old = before.split("\n");
  const out: string[] = [];
  let next = 0;
  for (const hunk of parseFileDiff(file).hunks) {
    while (next < hunk.oldStart - 1 + (hunk.oldLines === 0 ? 1 : 0)) out.push(old[next++] ?? "");
    for (const line of hunk.lines) {
      if (line.kind === "add") out.push(line.text);
      else if (line.kind === "del") next += 1;
      else out.push(old[next++] ?? line.text);
    }
  }
  return [...out, ...old.slice(next)].join("\n");
}

/** git's patch from `before` to `after`, as the compare API gives it. */
function patchBetween(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), "foureyes-replay-"));
  try {
    writeFileSync(join(dir, "a"), before);
    writeFileSync(join(dir, "b"), after);
    try {
      execFileSync("git", ["diff", "--no-index", "--no-color", "-U3", "a", "b"], { cwd: dir, encoding: "utf8" });
      return "";
    } catch (error) {
      const output = (error as { stdout: string }).stdout;
      return output.slice(output.indexOf("@@"));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function replayTwoPushes(): Promise<void> {
  const corpus = [...loadCorpus(), ...CORPUS_LANGUAGES.flatMap((language) => loadLanguageCorpus(language))];
  let before = 0;
  let after = 0;
  let reviewed = 0;
  const second = { today: 0, now: 0, tokensToday: 0, tokensNow: 0 };
  for (const pr of corpus) {
    const first = firstPush(pr);
    const full: Push = { files: corpusChangedFiles(pr), heads: new Map(pr.files.map((file) => [file.path, file.after])) };
    const one = await review(first, [], { kind: "whole" });
    if (!one) continue;
    reviewed += 1;
    const words: PriorComment[] = one.comments.map((comment) => ({ path: comment.path, line: comment.line, body: comment.body }));
    const known = one.comments.map((comment, index) => ({ ...words[index]!, ...(comment.identity ? { fingerprint: comment.identity.fingerprint } : {}) }));
    const today = await review(full, words, { kind: "whole" });
    const since = full.files.flatMap((file) => {
      const earlier = first.heads.get(file.path) ?? pr.files.find((candidate) => candidate.path === file.path)?.before ?? "";
      const patch = patchBetween(earlier, full.heads.get(file.path) ?? "");
      return patch === "" ? [] : [{ ...file, patch }];
    });
    const now = await review({ ...full, files: narrowToChanges(full.files, since) }, known, { kind: "since", sinceSha: "1".repeat(40) });
    before += one.comments.length + (today?.comments.length ?? 0);
    after += one.comments.length + (now?.comments.length ?? 0);
    second.today += today?.comments.length ?? 0;
    second.now += now?.comments.length ?? 0;
    second.tokensToday += today?.stats.promptTokens ?? 0;
    second.tokensNow += now?.stats.promptTokens ?? 0;
  }
  const per = (total: number) => (reviewed === 0 ? "0" : (total / reviewed).toFixed(2));
  console.log(`corpus PRs replayed as two pushes: ${reviewed}`);
  console.log(`comments posted, whole re-review + words: ${before} (${per(before)} per PR)`);
  console.log(`comments posted, incremental + fingerprints: ${after} (${per(after)} per PR)`);
  console.log(`second push alone: ${second.today} comments / ${second.tokensToday} prompt tokens before, ${second.now} / ${second.tokensNow} after`);
}

// Analysis on threads must be the same analysis: every corpus pull request
// gives the same analyses, skips, findings and chunks on a pool of threads as
// on the calling thread, and a thread never answers with another set of rule
// packs than the one it was given (it keeps compiled packs between files).

import { afterAll, describe, expect, it } from "vitest";

import { applyRuleSettings } from "../../src/analysis/apply-rule-settings.js";
import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import type { ReviewLimits } from "../../src/config/server-env.js";
import type { ChangedFile } from "../../src/core/diff.js";
import type { HeadFile } from "../../src/core/head-file.js";
import { closeAnalysisThreads } from "../../src/review/analysis-threads.js";
import { analysisThreadsFor, analyzeChange, SIDE_BY_SIDE_MIN_CHARS } from "../../src/review/analyze-change.js";
import { classifyFiles } from "../../src/review/classify-files.js";
import { CORPUS_LANGUAGES, corpusChangedFiles, corpusHeadText, type CorpusPullRequest, loadCorpus, loadLanguageCorpus } from "../helpers/corpus.js";
import { fakeString } from "../helpers/fake-secrets.js";

const INLINE: ReviewLimits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000, analysisThreads: 0 };
/** Every pull request on the threads, however small. */
const THREADED: ReviewLimits = { ...INLINE, analysisThreads: 2, analysisThreadsFromChars: 0 };
const packs = loadRulePacks();

afterAll(closeAnalysisThreads);

function inputsOf(pr: CorpusPullRequest): { files: ChangedFile[]; heads: HeadFile[] } {
  const { reviewable } = classifyFiles(corpusChangedFiles(pr), DEFAULT_REPO_CONFIG, INLINE);
  const heads = reviewable.map((file): HeadFile => {
    const text = corpusHeadText(pr, file.path);
    return text === null ? { kind: "absent" } : { kind: "text", text };
  });
  return { files: reviewable, heads };
}

describe("analysis on threads", () => {
  const corpora = [{ name: "typescript", prs: loadCorpus() }, ...CORPUS_LANGUAGES.map((name) => ({ name, prs: loadLanguageCorpus(name) }))];

  it.each(corpora)("equals the analysis on the calling thread for every $name corpus pull request", { timeout: 120_000 }, async ({ prs }) => {
    let findings = 0;
    for (const pr of prs) {
      const { files, heads } = inputsOf(pr);
      const inline = await analyzeChange(files, heads, INLINE, packs);
      const threaded = await analyzeChange(files, heads, THREADED, packs);
      expect(threaded, pr.title).toEqual(inline);
      findings += inline.ruleFindings.length + inline.analyses.reduce((sum, analysis) => sum + analysis.declarations.length, 0);
    }
    // The comparison is about something: the corpora's changes sit in declarations.
    expect(findings).toBeGreaterThan(0);
  });

  it("keeps each set of rule packs apart: a repository that turned a rule off gets no finding from a thread that ran it before", async () => {
    const file: ChangedFile = { path: "src/run.py", status: "modified", additions: 1, deletions: 0, patch: "@@ -1,1 +1,2 @@\n import subprocess\n+subprocess.run(cmd, shell=True)" };
    const heads: HeadFile[] = [{ kind: "text", text: "import subprocess\nsubprocess.run(cmd, shell=True)\n" }];
    const withRule = await analyzeChange([file], heads, THREADED, packs);
    expect(withRule.ruleFindings.map((finding) => finding.source)).toEqual(["rule:subprocess-with-shell"]);

    const { packs: ruleOff } = applyRuleSettings(packs, { disable: ["subprocess-with-shell"], severity: {} });
    // Pack and rule names of the two sets are alike; only their contents differ.
    expect(ruleOff.map((pack) => pack.pack)).toEqual(packs.map((pack) => pack.pack));
    const withoutRule = await analyzeChange([file], heads, THREADED, ruleOff);
    expect(withoutRule.ruleFindings).toEqual([]);
    expect((await analyzeChange([file], heads, THREADED, packs)).ruleFindings).toHaveLength(1);
  });

  it("redacts a committed secret on the thread, so only the redacted text comes back", async () => {
    const token = `ghp_${fakeString(81, 36)}`;
    const file: ChangedFile = { path: "src/client.ts", status: "added", additions: 1, deletions: 0, patch: `@@ -0,0 +1,1 @@\n+export const token = "${token}";` };
    const { analyses, ruleFindings, chunks } = await analyzeChange([file], [{ kind: "text", text: `export const token = "${token}";\n` }], THREADED, packs);
    expect(JSON.stringify({ analyses, chunks })).not.toContain(token);
    expect(ruleFindings).toEqual([expect.objectContaining({ line: 1, source: "rule:committed-secret" })]);
  });
});

describe("which pull requests go to the threads", () => {
  const text = (chars: number): HeadFile => ({ kind: "text", text: "x".repeat(chars) });
  const pool = { analysisThreads: 2 };

  it("takes one whose files beside the largest hold enough text to parse meanwhile", () => {
    const third = Math.ceil(SIDE_BY_SIDE_MIN_CHARS / 3);
    expect(analysisThreadsFor([text(third), text(third), text(third), text(third)], pool)).toBe(2);
    expect(analysisThreadsFor([text(SIDE_BY_SIDE_MIN_CHARS), text(SIDE_BY_SIDE_MIN_CHARS)], pool)).toBe(2);
  });

  it("leaves a small one, or one that is mostly a single large file, on the calling thread", () => {
    expect(analysisThreadsFor([text(4_000), text(2_000)], pool)).toBe(0);
    expect(analysisThreadsFor([text(SIDE_BY_SIDE_MIN_CHARS), text(SIDE_BY_SIDE_MIN_CHARS - 1)], pool)).toBe(0);
    expect(analysisThreadsFor([text(400_000), text(20_000), { kind: "absent" }, { kind: "skipped", reason: "binary", detail: "" }], pool)).toBe(0);
    expect(analysisThreadsFor([], pool)).toBe(0);
  });

  it("never uses threads the configuration did not ask for, and uses them for all when the limit is 0", () => {
    expect(analysisThreadsFor([text(200_000), text(200_000)], { analysisThreads: 0 })).toBe(0);
    expect(analysisThreadsFor([text(200_000), text(200_000)], {})).toBe(0);
    expect(analysisThreadsFor([text(10)], { analysisThreads: 3, analysisThreadsFromChars: 0 })).toBe(3);
  });
});

// The redactor on real code nobody here wrote: every corpus pull request
// through the pipeline's analysis (what the model would be sent) and every
// head text of the corpora. Real repositories hold almost no secrets, so what
// it finds there is what it would wrongly take from a reviewer.

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { analyzeChange } from "../../src/review/analyze-change.js";
import { COMMITTED_SECRET_SOURCE } from "../../src/review/redact-change.js";
import { findSecrets } from "../../src/secrets/find-secrets.js";
import { CORPUS_PATH, corpusChangedFiles, corpusHeadText, type CorpusPullRequest, loadCorpus } from "../helpers/corpus.js";

const limits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };
const OTHER_CORPORA = ["python", "java", "go", "csharp", "kotlin"].map((name) => resolve(CORPUS_PATH, `../${name}.jsonl.gz`));

function readGzipCorpus(path: string): CorpusPullRequest[] {
  return gunzipSync(readFileSync(path))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CorpusPullRequest);
}

/** `path: kind: the line`, for every secret found in the head texts of these pull requests. */
function headTextFinds(prs: CorpusPullRequest[]): { lines: number; finds: string[] } {
  let lines = 0;
  const finds: string[] = [];
  for (const pr of prs) {
    for (const file of pr.files) {
      if (!file.after) continue;
      lines += file.after.split("\n").length;
      for (const span of findSecrets(file.after)) {
        const from = file.after.lastIndexOf("\n", span.start) + 1;
        const to = file.after.indexOf("\n", span.end);
        finds.push(`${file.path}: ${span.kind}: ${file.after.slice(from, to === -1 ? undefined : to).trim().slice(0, 120)}`);
      }
    }
  }
  return { lines, finds };
}

describe("redaction on the real corpus", () => {
  const corpus = loadCorpus();

  it("what the model is sent for each corpus pull request loses only a handful of test credentials, and no finding is posted", async () => {
    let redactions = 0;
    let contextLines = 0;
    const findings: string[] = [];
    for (const pr of corpus) {
      const files = corpusChangedFiles(pr);
      const heads = files.map((file) => {
        const text = corpusHeadText(pr, file.path);
        return text === null ? ({ kind: "absent" } as const) : ({ kind: "text", text } as const);
      });
      const change = await analyzeChange(files, heads, limits, []);
      for (const chunk of change.chunks) {
        contextLines += chunk.context.split("\n").length;
        redactions += chunk.context.match(/\[REDACTED:[a-z-]+\]/g)?.length ?? 0;
      }
      findings.push(...change.ruleFindings.filter((finding) => finding.source === COMMITTED_SECRET_SOURCE).map((f) => `${f.path}:${f.line}`));
    }
    console.log(`corpus prompts: ${redactions} redaction(s) in ${contextLines} lines of ${corpus.length} pull requests; ${findings.length} finding(s)`);
    expect(contextLines).toBeGreaterThan(10_000);
    expect(redactions).toBeLessThanOrEqual(5);
    expect(findings).toEqual([]);
  });

  it("in every head text of the corpora, the few finds are credentials in tests", () => {
    const prs = [...corpus, ...OTHER_CORPORA.filter((path) => existsSync(path)).flatMap(readGzipCorpus)];
    const { lines, finds } = headTextFinds(prs);
    console.log(`corpus head texts: ${finds.length} find(s) in ${lines} lines\n${finds.join("\n")}`);
    // The hono corpus alone (a clean clone has only its committed copy) holds about 97,000 lines; with ../shared, about 415,000.
    expect(lines).toBeGreaterThan(90_000);
    expect(finds.length).toBeLessThanOrEqual(6);
    for (const find of finds) expect(find).toMatch(/^[^:]*\btests?\b[^:]*: (jwt|secret-assignment): /);
  });
});

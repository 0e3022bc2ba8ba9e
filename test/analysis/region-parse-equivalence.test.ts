// Parsing only the regions around a change is a speed-up, never a different
// answer: on every corpus file of every language, the declarations and rule
// findings from the region parse equal those from a parse of the whole file.
// Where the whole file has syntax errors and its cut parses cleanly, the
// grammar misread the whole (a generic arrow taken for a type assertion): there
// the cut's reading may name a kind differently, but must show the model the
// same declarations, lines and text, and find the same findings.

import { beforeAll, describe, expect, it } from "vitest";

import { analyzeFileTrees } from "../../src/analysis/analyze-file.js";
import { languageForPath } from "../../src/analysis/languages.js";
import { regionParseMinChars } from "../../src/analysis/parse-regions.js";
import { loadRulePacks } from "../../src/analysis/rule-pack.js";
import { runRulePacks } from "../../src/analysis/run-rule-packs.js";
import type { TouchedDeclaration } from "../../src/analysis/types.js";
import type { FileDiff } from "../../src/core/diff.js";
import { parseFileDiff } from "../../src/diff/parse-file-diff.js";
import { CORPUS_LANGUAGES, corpusChangedFiles, corpusHeadText, type CorpusPullRequest, loadCorpus, loadLanguageCorpus } from "../helpers/corpus.js";

const RULE_PACKS = loadRulePacks();

function addedLines(diff: FileDiff): Set<number> {
  return new Set(diff.hunks.flatMap((hunk) => hunk.lines.flatMap((line) => (line.kind === "add" && line.newLine !== undefined ? [line.newLine] : []))));
}

/** Declarations and findings of one file, parsed by regions from `regionMinChars` on, and whether its trees had syntax errors. */
function analyse(diff: FileDiff, head: string, regionMinChars?: number): { found: { declarations: TouchedDeclaration[]; findings: unknown[] }; hasSyntaxErrors: boolean } {
  const { analysis, regions } = analyzeFileTrees(diff, head, regionMinChars);
  const language = analysis.language;
  const findings = language ? runRulePacks(RULE_PACKS, [{ path: diff.path, language, headText: head, addedLines: addedLines(diff), regions }]) : [];
  return { found: { declarations: analysis.declarations, findings }, hasSyntaxErrors: analysis.hasSyntaxErrors };
}

/** What the model is shown of a declaration, whatever kind the grammar took it for. */
function shown({ declarations, findings }: { declarations: TouchedDeclaration[]; findings: unknown[] }): unknown {
  return { declarations: declarations.map(({ name, startLine, endLine, text }) => ({ name, startLine, endLine, text })), findings };
}

/** Paths whose region parse differs from the whole parse, and how many files were region-parsed at all. */
function differences(corpus: CorpusPullRequest[]): { differing: string[]; large: number } {
  const differing: string[] = [];
  let large = 0;
  for (const pr of corpus) {
    for (const file of corpusChangedFiles(pr)) {
      const head = corpusHeadText(pr, file.path);
      const language = languageForPath(file.path);
      if (head === null || !language || !file.patch) continue;
      const diff = parseFileDiff(file);
      if (head.length >= regionParseMinChars(language)) large++;
      const regional = analyse(diff, head);
      const whole = analyse(diff, head, Number.POSITIVE_INFINITY);
      const misreadWhole = whole.hasSyntaxErrors && !regional.hasSyntaxErrors;
      try {
        if (misreadWhole) expect(shown(regional.found)).toEqual(shown(whole.found));
        else expect(regional.found).toEqual(whole.found);
      } catch {
        differing.push(`${pr.title.slice(0, 40)}: ${file.path}`);
      }
    }
  }
  return { differing, large };
}

describe("parsing by regions finds what a whole-file parse finds", () => {
  const languages = ["typescript", ...CORPUS_LANGUAGES] as const;
  const results = new Map<(typeof languages)[number], ReturnType<typeof differences>>();
  beforeAll(() => {
    for (const language of languages) results.set(language, differences(language === "typescript" ? loadCorpus() : loadLanguageCorpus(language)));
  }, 300_000);

  it.each(languages)("on every %s corpus file: same declarations, same rule findings", (language) => {
    expect(results.get(language)?.differing).toEqual([]);
  });

  // The small committed copies (used when ../shared is absent) need not hold a large file of every language; together they do.
  it("compares real region parses: some corpus files are large enough to be parsed by region", () => {
    expect([...results.values()].reduce((sum, result) => sum + result.large, 0)).toBeGreaterThan(0);
  });
});

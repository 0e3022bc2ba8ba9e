// Prompt size and context coverage on real pull requests.
// 1. Estimated prompt tokens of our chunks vs. a naive prompt that sends every
//    reviewable file's whole new text plus its diff (target: ≤ 40%).
// 2. Coverage: for every changed line in a supported language, its innermost
//    enclosing declaration, found here independently by walking the whole
//    tree, must be visible in the context: as a declaration block, or because
//    a hunk shows all its lines (target: 100%).

import type Parser from "tree-sitter";

import { languageForPath, parseText } from "../../src/analysis/languages.js";
import type { FileAnalysis } from "../../src/analysis/types.js";
import { changedPoints } from "../../src/diff/changed-points.js";
import { estimateTokens } from "../../src/review/estimate-tokens.js";
import type { ReviewChunk } from "../../src/review/types.js";
import { corpusHeadText, loadCorpus } from "../helpers/corpus.js";
import { BENCH_LIMITS, prepareReview } from "./analysis.bench.js";

interface Range {
  startLine: number;
  endLine: number;
}

export default async function benchPromptTokens(): Promise<void> {
  const corpus = loadCorpus();
  let oursTotal = 0;
  let naiveTotal = 0;
  const ratios: number[] = [];
  let lines = 0;
  let covered = 0;
  let coveredTrimmed = 0;
  let topLevel = 0;
  const misses: string[] = [];

  for (const pr of corpus) {
    const { analyses, chunks } = await prepareReview(pr, BENCH_LIMITS);
    const ours = chunks.reduce((sum, chunk) => sum + chunk.estimatedTokens, 0);
    const naive = analyses.reduce((sum, analysis) => {
      const head = corpusHeadText(pr, analysis.path) ?? "";
      const patch = analysis.diff.hunks.map((hunk) => [hunk.header, ...hunk.lines.map((line) => line.text)].join("\n")).join("\n");
      return sum + estimateTokens(`${head}\n${patch}`);
    }, 0);
    oursTotal += ours;
    naiveTotal += naive;
    if (naive > 0) ratios.push(ours / naive);

    for (const analysis of analyses) {
      const head = corpusHeadText(pr, analysis.path);
      const language = languageForPath(analysis.path);
      if (!head || !language) continue;
      const declarations = allDeclarations(parseText(language, head).rootNode);
      const visible = visibleInContext(chunks, analysis);
      for (const hunk of analysis.diff.hunks) {
        const { added, deletions } = changedPoints(hunk);
        const points = [...added.map((line) => [line, line] as const), ...deletions.map(({ before, after }) => [before, after] as const)];
        for (const [from, to] of points) {
          lines++;
          const inner = innermost(declarations, from, to);
          if (!inner) {
            topLevel++;
            covered++;
            continue;
          }
          const shown = visible.whole.some((range) => range.startLine <= inner.startLine && inner.endLine <= range.endLine);
          const trimmed = visible.trimmed.some((range) => range.startLine <= inner.startLine && inner.endLine <= range.endLine);
          const inHunk = visible.hunks.some((range) => range.startLine <= inner.startLine && inner.endLine <= range.endLine);
          if (shown || inHunk) covered++;
          else if (trimmed) {
            covered++;
            coveredTrimmed++;
          } else if (misses.length < 10) misses.push(`${pr.title.slice(0, 40)} ${analysis.path}:${from} ${inner.startLine}-${inner.endLine}`);
        }
      }
    }
  }

  const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)] ?? 0;
  console.log(`PRs: ${corpus.length}, chunk budget ${BENCH_LIMITS.chunkTokens} tokens, ~3.5 chars/token`);
  console.log(`prompt tokens: ours ${oursTotal}, naive ${naiveTotal}, total ratio ${pct(oursTotal / naiveTotal)}, median per-PR ratio ${pct(median)} (target ≤ 40%)`);
  console.log(
    `coverage: ${pct(covered / lines)} of ${lines} changed lines/deletion points have their innermost declaration in the context ` +
      `(${topLevel} at top level, ${coveredTrimmed} via a trimmed declaration) (target 100%)`,
  );
  for (const miss of misses) console.log(`  missing: ${miss}`);
  await Promise.resolve();
}

/** What the chunks show of one file: whole declarations, trimmed ones, and new-side line runs of hunks. */
function visibleInContext(chunks: ReviewChunk[], analysis: FileAnalysis): { whole: Range[]; trimmed: Range[]; hunks: Range[] } {
  const whole: Range[] = [];
  const trimmed: Range[] = [];
  const hunks: Range[] = [];
  const heading = `### ${analysis.path}`;
  for (const chunk of chunks) {
    if (!chunk.paths.includes(analysis.path)) continue;
    let inFile = false;
    let run: Range | null = null;
    for (const line of chunk.context.split("\n")) {
      if (line.startsWith("### ")) inFile = line === heading || line.startsWith(`${heading} (`);
      if (!inFile) continue;
      const declaration = /^\/\/ lines (\d+)-(\d+) of (.+?): /.exec(line);
      if (declaration && declaration[3] === analysis.path) {
        const range = { startLine: Number(declaration[1]), endLine: Number(declaration[2]) };
        (line.includes("(trimmed") ? trimmed : whole).push(range);
      }
      const numbered = /^\s*(\d+) ([+ ]) /.exec(line);
      if (numbered) {
        const number = Number(numbered[1]);
        if (run && number === run.endLine + 1) run.endLine = number;
        else if (!run || number !== run.endLine) hunks.push((run = { startLine: number, endLine: number }));
      } else if (line.startsWith("@@") || line === "") {
        run = null;
      }
    }
  }
  return { whole, trimmed, hunks };
}

/** Every named declaration in the file, by a full walk (independent of the analysis' range lookup). */
function allDeclarations(root: Parser.SyntaxNode): Range[] {
  const found: Range[] = [];
  const functionValues = new Set(["arrow_function", "function_expression", "function", "generator_function", "class"]);
  const named = new Set([
    "function_declaration",
    "generator_function_declaration",
    "function_signature",
    "class_declaration",
    "abstract_class_declaration",
    "method_definition",
    "interface_declaration",
    "type_alias_declaration",
    "enum_declaration",
  ]);
  const statementOf = (node: Parser.SyntaxNode): Parser.SyntaxNode => {
    let outer = node;
    if (node.type === "variable_declarator" && node.parent && node.parent.namedChildCount === 1) outer = node.parent;
    return outer.parent?.type === "export_statement" ? outer.parent : outer;
  };
  const add = (node: Parser.SyntaxNode): void => {
    found.push({ startLine: node.startPosition.row + 1, endLine: node.endPosition.row + 1 });
  };
  const visit = (node: Parser.SyntaxNode): void => {
    const type = node.type;
    if (named.has(type)) add(statementOf(node));
    else if (type === "variable_declarator") {
      const value = node.childForFieldName("value");
      const statement = node.parent?.parent;
      const topLevel = statement?.type === "program" || (statement?.type === "export_statement" && statement.parent?.type === "program");
      if ((value && functionValues.has(value.type)) || topLevel) add(statementOf(node));
    } else if (["pair", "public_field_definition", "field_definition", "assignment_expression"].includes(type)) {
      const value = node.childForFieldName(type === "assignment_expression" ? "right" : "value");
      if (value && functionValues.has(value.type)) add(node);
    } else if (functionValues.has(type) && node.childForFieldName("name")) {
      add(node);
    } else if (type === "export_statement") {
      const value = node.childForFieldName("value");
      if (value && functionValues.has(value.type)) add(node);
    }
    for (const child of node.namedChildren) visit(child);
  };
  visit(root);
  return found;
}

function innermost(ranges: Range[], from: number, to: number): Range | undefined {
  let best: Range | undefined;
  for (const range of ranges) {
    if (range.startLine > from || range.endLine < to) continue;
    if (!best || range.endLine - range.startLine < best.endLine - best.startLine) best = range;
  }
  return best;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

// Step 5 of the pipeline: renders what the model sees for each file (the
// declarations the change touches, then the numbered hunks) and packs it into
// chunks under the token budget, one model request per chunk. Files that do not
// fit are split by hunks, and hunks that do not fit into windows of lines.

import type { FileAnalysis, TouchedDeclaration } from "../analysis/types.js";
import type { Hunk } from "../core/diff.js";
import { changedPoints } from "../diff/changed-points.js";
import { estimateTokens } from "./estimate-tokens.js";
import type { ReviewChunk } from "./types.js";

/** How to read a chunk's context; the system prompt includes this sentence. */
export const CONTEXT_FORMAT_NOTE =
  "Each file starts with a `### path` heading. Blocks headed `// lines A-B of path: kind name` are the full declarations " +
  "that the change touches, from the new version, for context only. Each diff hunk starts with its `@@` header; then every " +
  "line is `NUMBER MARK text`, where MARK `+` is an added line and a blank MARK is an unchanged context line, both numbered " +
  "in the new version (comment on them with side RIGHT), and MARK `-` is a deleted line numbered in the old version " +
  "(comment on it with side LEFT). Comment only on lines shown in a hunk, citing these numbers.";

/** Diff lines longer than this are clipped; a minified line says nothing a reviewer can act on. */
const MAX_LINE_CHARS = 1000;
/** A declaration trimmed to fit gets at least this many tokens, or is left out. */
const MIN_DECLARATION_TOKENS = 60;
const SEPARATOR = "\n\n";

interface Block {
  text: string;
  tokens: number;
}

interface DeclarationBlock extends Block {
  declaration: TouchedDeclaration;
}

/** A hunk or a window of an oversized hunk, with the declarations its changes sit in. */
interface HunkBlock extends Block {
  firstNew: number;
  lastNew: number;
  needs: number[];
}

interface FilePlan {
  path: string;
  header: Block;
  declarations: DeclarationBlock[];
  hunks: HunkBlock[];
}

export function planChunks(analyses: FileAnalysis[], budgetTokens: number): ReviewChunk[] {
  const chunks: ReviewChunk[] = [];
  let open = { paths: [] as string[], parts: [] as string[], tokens: 0 };

  const flush = (): void => {
    if (open.parts.length === 0) return;
    const context = open.parts.join(SEPARATOR);
    chunks.push({ id: `chunk-${chunks.length + 1}`, paths: open.paths, context, estimatedTokens: estimateTokens(context) });
    open = { paths: [], parts: [], tokens: 0 };
  };
  const append = (path: string, text: string, tokens: number): void => {
    if (!open.paths.includes(path)) open.paths.push(path);
    open.parts.push(text);
    open.tokens += tokens;
  };

  for (const analysis of analyses) {
    // Nothing to comment on: pure renames, mode changes, empty files.
    if (analysis.diff.hunks.length === 0) continue;
    const plan = planFile(analysis, budgetTokens);
    const whole = renderPiece(plan, plan.hunks, Number.POSITIVE_INFINITY);
    if (whole.tokens <= budgetTokens - open.tokens) {
      append(plan.path, whole.text, whole.tokens);
      continue;
    }
    if (whole.tokens <= budgetTokens) {
      flush();
      append(plan.path, whole.text, whole.tokens);
      continue;
    }
    // Too big for one chunk: as many hunks per chunk as fit, each with its declarations.
    flush();
    let taken: HunkBlock[] = [];
    for (const hunk of plan.hunks) {
      // Judge the fit untrimmed, so a hunk moves to a fresh chunk rather than lose its declarations.
      const candidate = renderPiece(plan, [...taken, hunk], Number.POSITIVE_INFINITY);
      if (candidate.tokens <= budgetTokens || taken.length === 0) {
        taken.push(hunk);
        continue;
      }
      const piece = renderPiece(plan, taken, budgetTokens);
      append(plan.path, piece.text, piece.tokens);
      flush();
      taken = [hunk];
    }
    const last = renderPiece(plan, taken, budgetTokens);
    append(plan.path, last.text, last.tokens);
  }
  flush();
  return chunks;
}

/** Render a file's header, the declarations the given hunks need (once each), then the hunks. */
function renderPiece(plan: FilePlan, hunks: HunkBlock[], budgetTokens: number): Block {
  const parts: Block[] = [plan.header];
  let tokens = plan.header.tokens + hunks.reduce((sum, hunk) => sum + hunk.tokens, 0);
  const needed = [...new Set(hunks.flatMap((hunk) => hunk.needs))].sort((a, b) => a - b);
  const shown: TouchedDeclaration[] = [];
  for (const index of needed) {
    const block = plan.declarations[index];
    if (!block) continue;
    const { declaration } = block;
    // Already visible: inside a whole declaration shown here, or every line of it is in one of these hunks.
    if (shown.some((outer) => !outer.truncated && outer.startLine <= declaration.startLine && declaration.endLine <= outer.endLine)) continue;
    if (hunks.some((hunk) => hunk.firstNew <= declaration.startLine && declaration.endLine <= hunk.lastNew)) continue;
    const room = budgetTokens - tokens;
    const fitted = block.tokens <= room ? block : trimDeclaration(block, room, plan.path);
    if (!fitted) continue;
    parts.push(fitted);
    tokens += fitted.tokens;
    shown.push(declaration);
  }
  parts.push(...hunks);
  const text = parts.map((part) => part.text).join(SEPARATOR);
  return { text, tokens: parts.reduce((sum, part) => sum + part.tokens, 0) };
}

function planFile(analysis: FileAnalysis, budgetTokens: number): FilePlan {
  const { diff } = analysis;
  const header = block(renderHeader(analysis));
  const declarations = analysis.declarations.map((declaration) => ({
    declaration,
    ...block(`${declarationHeading(declaration, diff.path)}\n${declaration.text}`),
  }));
  const hunks: HunkBlock[] = [];
  for (const hunk of diff.hunks) {
    const needs = declarationsNeededBy(hunk, analysis.declarations);
    const rendered = renderHunkLines(hunk);
    const whole = block(`${hunk.header}\n${rendered.join("\n")}`);
    if (header.tokens + whole.tokens <= budgetTokens) {
      hunks.push({ ...whole, ...newRange(hunk, 0, hunk.lines.length), needs });
      continue;
    }
    // Leave room beside each window for the hunk's declarations (at most half the budget; bigger ones get trimmed).
    const declarationTokens = needs.reduce((sum, index) => sum + (declarations[index]?.tokens ?? 0), 0);
    const room = budgetTokens - header.tokens - Math.min(declarationTokens, Math.floor(budgetTokens / 2));
    hunks.push(...splitHunk(hunk, rendered, room, analysis.declarations));
  }
  return { path: diff.path, header, declarations, hunks };
}

/** Cut an oversized hunk into windows of whole lines, each under the room left beside the file header. */
function splitHunk(hunk: Hunk, rendered: string[], room: number, declarations: TouchedDeclaration[]): HunkBlock[] {
  const limit = Math.max(1, room - estimateTokens(`${hunk.header} (part 99 of 99)\n`) - 1);
  const windows: { from: number; to: number }[] = [];
  let from = 0;
  let tokens = 0;
  rendered.forEach((line, index) => {
    const cost = (line.length + 1) / 3.5;
    if (index > from && tokens + cost > limit) {
      windows.push({ from, to: index });
      from = index;
      tokens = 0;
    }
    tokens += cost;
  });
  windows.push({ from, to: rendered.length });
  return windows.map(({ from: start, to: end }, index) => {
    const heading = `${hunk.header} (part ${index + 1} of ${windows.length})`;
    return {
      ...block(`${heading}\n${rendered.slice(start, end).join("\n")}`),
      ...newRange(hunk, start, end),
      needs: declarationsNeededBy(hunk, declarations, start, end),
    };
  });
}

function renderHeader(analysis: FileAnalysis): string {
  const { diff } = analysis;
  const lines = [`### ${diff.path}${analysis.language ? ` (${analysis.language})` : ""}`];
  if (diff.previousPath && diff.previousPath !== diff.path) lines.push(`Renamed from ${diff.previousPath}.`);
  if (diff.status === "added") lines.push("New file.");
  if (analysis.contextNote) lines.push(`Note: ${analysis.contextNote}.`);
  if (analysis.hasSyntaxErrors) lines.push("Note: the new version has syntax errors; declarations are tree-sitter's best recovery.");
  return lines.join("\n");
}

function declarationHeading(declaration: TouchedDeclaration, path: string): string {
  const trimmed = declaration.truncated ? " (trimmed to the part around the change)" : "";
  return `// lines ${declaration.startLine}-${declaration.endLine} of ${path}: ${declaration.kind} ${declaration.name}${trimmed}`;
}

/** One line per diff line: number (new side for +/context, old side for -), mark, text. */
function renderHunkLines(hunk: Hunk): string[] {
  const width = String(Math.max(hunk.oldStart + hunk.oldLines, hunk.newStart + hunk.newLines)).length;
  return hunk.lines.map((line) => {
    const number = line.kind === "del" ? line.oldLine : line.newLine;
    const mark = line.kind === "add" ? "+" : line.kind === "del" ? "-" : " ";
    const text = line.text.length > MAX_LINE_CHARS ? `${line.text.slice(0, MAX_LINE_CHARS)} … (${line.text.length - MAX_LINE_CHARS} more characters)` : line.text;
    return `${String(number ?? "").padStart(width)} ${mark} ${text}`;
  });
}

/**
 * The touched declarations a hunk's changes sit in: for each added line or
 * deletion point, the smallest touched declaration that contains it (which is
 * the innermost one, as the analysis chose).
 */
function declarationsNeededBy(hunk: Hunk, declarations: TouchedDeclaration[], from?: number, to?: number): number[] {
  if (declarations.length === 0) return [];
  const points = changedPoints(hunk, from, to);
  const needs = new Set<number>();
  const innermost = (from: number, to: number): void => {
    let best = -1;
    declarations.forEach((declaration, index) => {
      if (declaration.startLine > from || declaration.endLine < to) return;
      const current = declarations[best];
      if (!current || declaration.endLine - declaration.startLine < current.endLine - current.startLine) best = index;
    });
    if (best >= 0) needs.add(best);
  };
  for (const line of points.added) innermost(line, line);
  for (const { before, after } of points.deletions) innermost(before, after);
  return [...needs];
}

/** New-side lines shown by lines [from, to) of a hunk (empty range when none). */
function newRange(hunk: Hunk, from: number, to: number): { firstNew: number; lastNew: number } {
  const shown = hunk.lines.slice(from, to).flatMap((line) => (line.kind === "del" || line.newLine === undefined ? [] : [line.newLine]));
  return shown.length === 0 ? { firstNew: 0, lastNew: -1 } : { firstNew: shown[0] ?? 0, lastNew: shown[shown.length - 1] ?? -1 };
}

/** Keep the start of an oversized declaration, up to the room left; null when too little room. */
function trimDeclaration(block: DeclarationBlock, room: number, path: string): DeclarationBlock | null {
  if (room < MIN_DECLARATION_TOKENS) return null;
  const { declaration } = block;
  const lines = declaration.text.split("\n");
  const heading = declarationHeading({ ...declaration, truncated: true }, path);
  let kept = lines.length;
  let text = "";
  do {
    kept = Math.floor(kept * 0.8);
    text = `${heading}\n${lines.slice(0, kept).join("\n")}\n// … rest omitted to fit the budget`;
  } while (kept > 0 && estimateTokens(text + SEPARATOR) > room);
  if (kept === 0) return null;
  return { declaration: { ...declaration, truncated: true }, text, tokens: estimateTokens(text + SEPARATOR) };
}

function block(text: string): Block {
  return { text, tokens: estimateTokens(text + SEPARATOR) };
}

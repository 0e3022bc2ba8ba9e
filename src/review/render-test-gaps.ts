// The review body's short table of test gaps: each exported symbol the change
// adds or alters, its changed lines, whether a test changed in this pull
// request exercises it, and the module's existing test file. Quiet: nothing
// when no exported symbol changed. Paths and names come from the repository,
// so every cell is inert code or escaped text.

import { qualifiedSymbol } from "../analysis/test-gaps/qualified-symbol.js";
import type { TestGap } from "../analysis/test-gaps/types.js";
import { defuseMarkers } from "../markdown/defuse-markers.js";
import { escapeText } from "../markdown/escape-text.js";
import { renderCodeSpan } from "../markdown/render-code-span.js";
import { stripInvisible } from "../markdown/strip-invisible.js";

const MAX_ROWS = 10;

const cell = (text: string): string => renderCodeSpan(defuseMarkers(stripInvisible(text)), { inTable: true });

function row(gap: TestGap): string {
  const lines = `${gap.changedLines} in ${gap.line}–${gap.endLine}`;
  const touched = gap.touchedBy.length > 0 ? `yes: ${gap.touchedBy.slice(0, 2).map(cell).join(", ")}${gap.touchedBy.length > 2 ? ` +${gap.touchedBy.length - 2}` : ""}` : "**no**";
  const existing = gap.existingTest ? cell(gap.existingTest) : "none";
  return `| ${cell(qualifiedSymbol(gap))} in ${cell(`${gap.path}:${gap.signatureLine}`)} | ${lines} | ${touched} | ${existing} |`;
}

export function renderTestGaps(gaps: readonly TestGap[], note?: string): string[] {
  if (gaps.length === 0) return [];
  const untested = gaps.filter((gap) => gap.touchedBy.length === 0).length;
  const noun = gaps.length === 1 ? "changed exported symbol" : "changed exported symbols";
  // Untested first: they are what the reader is looking for.
  const ordered = [...gaps].sort((a, b) => Number(a.touchedBy.length > 0) - Number(b.touchedBy.length > 0) || b.changedLines - a.changedLines);
  const lines = [
    `**Tests:** ${untested} of ${gaps.length} ${noun} not exercised by a test changed in this pull request.`,
    "",
    "| symbol | changed lines | test touched in this PR | existing test file |",
    "| --- | --- | --- | --- |",
    ...ordered.slice(0, MAX_ROWS).map(row),
  ];
  if (gaps.length > MAX_ROWS) lines.push("", `… and ${gaps.length - MAX_ROWS} more ${gaps.length - MAX_ROWS === 1 ? "symbol" : "symbols"}.`);
  if (note) lines.push("", escapeText(`Note: ${note}.`, { atLineStart: true }));
  return lines;
}

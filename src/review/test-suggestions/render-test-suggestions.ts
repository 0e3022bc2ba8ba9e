// The review body's "Test suggestions" section: one collapsed <details> block
// per validated suggestion, the proposed file's path in its summary and the
// model's code in a fence longer than any backtick run inside it (the code is
// data: it cannot close the block, ping anyone or carry a marker), then what
// was dropped and why. Pure.

import type { LanguageName } from "../../analysis/languages.js";
import { languageForPath } from "../../analysis/languages.js";
import { countOf } from "../../core/count-of.js";
import { defuseMarkers } from "../../markdown/defuse-markers.js";
import type { MarkdownNode } from "../../markdown/parse-markdown.js";
import { renderCodeSpan } from "../../markdown/render-code-span.js";
import { renderSafeBlocks } from "../../markdown/render-safe-blocks.js";
import { stripInvisible } from "../../markdown/strip-invisible.js";
import type { SuggestionDropReason, TestSuggestion, TestSuggestionsOutcome } from "./types.js";

/** Room the section may take in the review body (GitHub's limit is 65,536 for everything). */
export const MAX_SECTION_CHARS = 30_000;

const FENCE_LANGUAGE: Record<LanguageName, string> = {
  typescript: "ts",
  tsx: "tsx",
  javascript: "js",
  java: "java",
  kotlin: "kotlin",
  csharp: "csharp",
  python: "python",
  go: "go",
};

const NOTHING_UNTESTED =
  "**Test suggestions:** none to make. Every changed exported symbol has a test changed with it, is in a language foureyes does not parse, or its repository names no test framework foureyes knows.";

const DROP_WORDS: Record<SuggestionDropReason, string> = {
  "unusable-answer": "came back unusable from the model",
  "prompt-too-large": "did not fit the model's context",
  "does-not-parse": "did not parse",
  "symbol-not-referenced": "did not use the symbol",
  "framework-not-used": "did not use the repository's test framework",
};

/** Markdown lines for the body; none when nothing was asked for and nothing is to be said. */
export function renderTestSuggestions(outcome: TestSuggestionsOutcome | undefined): string[] {
  if (!outcome) return [];
  if (outcome.none === "off") return ["**Test suggestions** are switched off in this repository's settings (`tests.suggest: false`).", ""];
  if (outcome.none === "nothing-untested") return [NOTHING_UNTESTED, ""];
  const dropped = droppedLine(outcome.dropped);
  if (outcome.suggestions.length === 0 && dropped === null) return [];
  const lines = [`**Test suggestions** for changed code no test in this pull request exercises (proposals to read, never committed or pushed):`, ""];
  let room = MAX_SECTION_CHARS;
  const unshown: string[] = [];
  for (const suggestion of outcome.suggestions) {
    const block = renderSuggestion(suggestion);
    if (block.length > room) {
      unshown.push(suggestion.symbol);
      continue;
    }
    room -= block.length;
    lines.push(block, "");
  }
  if (unshown.length > 0) lines.push(`${countOf(unshown.length, "more suggested test")} did not fit in this review's body.`, "");
  if (dropped) lines.push(dropped, "");
  return lines;
}

function renderSuggestion(suggestion: TestSuggestion): string {
  const language = languageForPath(suggestion.testPath);
  const code: MarkdownNode = { type: "code", lang: language ? FENCE_LANGUAGE[language] : null, value: suggestion.code.replace(/\n$/, "") };
  // Paths go in markdown code spans below the summary: raw HTML would show a mention in them as one.
  const where = `Proposed ${suggestion.framework} test file ${span(suggestion.testPath)} for ${span(suggestion.symbol)} in ${span(suggestion.path)}:`;
  return [`<details><summary>Suggested test for ${summaryText(suggestion.symbol)}</summary>`, "", where, "", renderSafeBlocks([code], { definitions: new Map() }), "", "</details>"].join("\n");
}

/** "Dropped 2 suggestions: 1 did not parse, 1 did not use the symbol." or null. */
function droppedLine(dropped: TestSuggestionsOutcome["dropped"]): string | null {
  const counts = (Object.entries(dropped) as [SuggestionDropReason, number][]).filter(([, count]) => count > 0);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  return `Dropped ${countOf(total, "suggested test")}: ${counts.map(([reason, count]) => `${count} ${DROP_WORDS[reason]}`).join(", ")}.`;
}

/** A symbol's name inside our HTML: escaped, on one line (a blank line would end the block), no "@" (C#'s verbatim prefix) that could ping. */
function summaryText(symbol: string): string {
  return defuseMarkers(stripInvisible(symbol))
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "")
    .replace(/[\r\n]+/g, " ");
}

function span(text: string): string {
  return renderCodeSpan(defuseMarkers(stripInvisible(text)));
}

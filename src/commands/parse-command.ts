// Finds a foureyes slash command in a comment body. Pure: the first line a
// reader sees that starts with `/foureyes` (case-insensitive) is the command:
// a line of a top-level paragraph as rendered, so a command in code, in raw
// HTML (an HTML comment, <pre>), in a quote, list, heading or table, or in a
// collapsed <details> block does not count (see src/markdown/visible-paragraph-lines.ts).
// Anything else in the comment is conversation and is ignored.

import { visibleParagraphLines } from "../markdown/visible-paragraph-lines.js";

export type ParsedCommand = { name: "review" } | { name: "help" } | { name: "unknown"; text: string };

/** Longest unknown-command text kept; it is never echoed, only logged. */
const MAX_UNKNOWN_TEXT = 100;

const COMMAND_LINE = /^\s*\/foureyes(?=\s|$)(.*)$/i;

export function parseCommand(body: string): ParsedCommand | null {
  for (const line of visibleParagraphLines(body)) {
    const match = COMMAND_LINE.exec(line);
    if (match) return toCommand((match[1] ?? "").trim());
  }
  return null;
}

function toCommand(rest: string): ParsedCommand {
  const word = (rest.split(/\s+/)[0] ?? "").toLowerCase();
  if (word === "review") return { name: "review" };
  if (word === "" || word === "help") return { name: "help" };
  return { name: "unknown", text: rest.slice(0, MAX_UNKNOWN_TEXT) };
}

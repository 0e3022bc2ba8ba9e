// Finds the foureyes slash commands in a comment body. Pure: every line a
// reader sees that starts with `/foureyes` (case-insensitive) is a command: a
// line of a top-level paragraph as rendered, so a command in code, in raw
// HTML (an HTML comment, <pre>), in a quote, list, heading or table, or in a
// collapsed <details> block does not count (see src/markdown/visible-paragraph-lines.ts).
// A comment with several commands runs each once, in the order written.
// Anything else in the comment is conversation and is ignored.

import { visibleParagraphLines } from "../markdown/visible-paragraph-lines.js";

export type ParsedCommand =
  | { name: "review" | "full" | "tests" | "pause" | "resume" | "help" | "forget" }
  | { name: "ask"; question: string }
  | { name: "unknown"; text: string };

/** Longest unknown-command text kept; it is never echoed, only logged. */
const MAX_UNKNOWN_TEXT = 100;
/** Longest question sent to the model; the rest of a longer one is cut. */
export const MAX_QUESTION_CHARS = 2_000;

const COMMAND_LINE = /^\s*\/foureyes(?=\s|$)(.*)$/i;
const SIMPLE = new Set(["review", "full", "tests", "pause", "resume", "help", "forget"]);

/** The comment's commands, each kind once (the first `ask` wins), or an empty list. */
export function parseCommands(body: string): ParsedCommand[] {
  const commands: ParsedCommand[] = [];
  for (const line of visibleParagraphLines(body)) {
    const match = COMMAND_LINE.exec(line);
    if (!match) continue;
    const command = toCommand((match[1] ?? "").trim());
    if (!commands.some((earlier) => earlier.name === command.name)) commands.push(command);
  }
  return commands;
}

function toCommand(rest: string): ParsedCommand {
  const word = (rest.split(/\s+/)[0] ?? "").toLowerCase();
  if (word === "") return { name: "help" };
  if (SIMPLE.has(word)) return { name: word as "review" };
  const argument = rest.slice(word.length).trim();
  if (word === "ask" && argument !== "") return { name: "ask", question: argument.slice(0, MAX_QUESTION_CHARS) };
  return { name: "unknown", text: rest.slice(0, MAX_UNKNOWN_TEXT) };
}

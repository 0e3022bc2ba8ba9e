// Finds a foureyes slash command in a comment body. Pure: the first line that
// starts with `/foureyes` (case-insensitive, leading spaces allowed) and sits
// outside fenced code blocks and quoted lines is the command; anything else
// in the comment is conversation and is ignored.

export type ParsedCommand = { name: "review" } | { name: "help" } | { name: "unknown"; text: string };

/** Longest unknown-command text kept; it is never echoed, only logged. */
const MAX_UNKNOWN_TEXT = 100;

const COMMAND_LINE = /^ *\/foureyes(?=\s|$)(.*)$/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function parseCommand(body: string): ParsedCommand | null {
  let fence: string | undefined;
  for (const line of body.split(/\r\n|\r|\n/)) {
    const opener = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      // A fence closes with the same character, at least as long as it opened.
      if (opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) fence = undefined;
      continue;
    }
    if (opener !== undefined) {
      fence = opener;
      continue;
    }
    // A quoted line is someone else's words, e.g. a reply that quotes the command.
    if (/^\s*>/.test(line)) continue;
    const match = COMMAND_LINE.exec(line);
    if (!match) continue;
    return toCommand((match[1] ?? "").trim());
  }
  return null;
}

function toCommand(rest: string): ParsedCommand {
  const word = (rest.split(/\s+/)[0] ?? "").toLowerCase();
  if (word === "review") return { name: "review" };
  if (word === "" || word === "help") return { name: "help" };
  return { name: "unknown", text: rest.slice(0, MAX_UNKNOWN_TEXT) };
}

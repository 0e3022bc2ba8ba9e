// Literal text as markdown that renders as exactly that text and does nothing
// else: no markup, no raw HTML, nobody pinged, no bot command at the start of
// a line, no hidden characters, no foureyes marker.

import { defuseMarkers } from "./defuse-markers.js";
import { renderCodeSpan } from "./render-code-span.js";
import { stripInvisible } from "./strip-invisible.js";

/**
 * GitHub links `@name` (and `@org/team`) in a text node when the `@` starts it or follows a non-word character.
 * Any `@` before a login character counts here, as a rendered autolink (`x@y.com@name`) can start a new text node.
 */
const MENTION = /@[A-Za-z0-9]/;
/** An e-mail address alone, a word character before its `@`: it pings nobody, linked as mailto: or not. */
const EMAIL = /^[A-Za-z0-9._+-]*[A-Za-z0-9_]@[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;
/** Punctuation that may surround a mention or address and stays outside its code span. */
const AROUND = /^([(["']*)(.*?)([)\]"'.,;:!?]*)$/s;
/** A word that starts a line and that a bot would read as a command: `/approve`, `/foureyes review`, `bors r+` (or its start). */
const COMMAND_WORD = /^(\/|bors$)/i;
/** Markup characters anywhere in a line: emphasis, code, links, strikethrough, tables, headings, math. */
const INLINE_MARKUP = /[\\`*_[\]~|#$]/g;
/** Block markers that count only at the start of a line: list items, setext underlines, ordered lists. */
const LINE_START_MARKUP = /^([-+=]|\d{1,9}(?=[.)]))/;

export interface EscapeOptions {
  /** The text's first line starts a line of the output (later lines always do). */
  atLineStart?: boolean;
  inTable?: boolean;
}

export function escapeText(value: string, options: EscapeOptions = {}): string {
  const lines = defuseMarkers(stripInvisible(value)).split(/\r\n?|\n/);
  const escaped = lines.map((line, index) => escapeLine(line, index > 0 || options.atLineStart === true, options.inTable === true)).join("\n");
  // A "!" that ends the text would make a link right after it an image.
  return escaped.endsWith("!") ? `${escaped.slice(0, -1)}\\!` : escaped;
}

function escapeLine(line: string, atLineStart: boolean, inTable: boolean): string {
  let first = atLineStart;
  return line
    .split(/(\s+)/)
    .map((word) => {
      if (word === "" || /^\s+$/.test(word)) return word;
      const leading = first;
      first = false;
      // Code is never linked and never read as a command: the one form of these words that stays visible and inert.
      if (leading && COMMAND_WORD.test(word)) return renderCodeSpan(word, { inTable });
      if (MENTION.test(word)) return wrapMention(word, leading, inTable);
      return escapeWord(word, leading);
    })
    .join("");
}

/** The word as code, with the punctuation around it left outside: "(`@octocat`)." rather than "`(@octocat).`". */
function wrapMention(word: string, atLineStart: boolean, inTable: boolean): string {
  const [, before = "", core = word, after = ""] = AROUND.exec(word) ?? [];
  if (EMAIL.test(core)) return escapeWord(word, atLineStart);
  if (!MENTION.test(core)) return renderCodeSpan(word, { inTable });
  return `${before === "" ? "" : escapeWord(before, atLineStart)}${renderCodeSpan(core, { inTable })}${after === "" ? "" : escapeWord(after, false)}`;
}

function escapeWord(word: string, atLineStart: boolean): string {
  const escaped = word
    .replace(INLINE_MARKUP, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
  if (!atLineStart) return escaped;
  const marker = LINE_START_MARKUP.exec(escaped);
  if (!marker) return escaped;
  // A list number is escaped at its delimiter ("1\."), a sign at itself ("\-").
  return marker[0].length === 1 && !/\d/.test(marker[0]) ? `\\${escaped}` : `${marker[0]}\\${escaped.slice(marker[0].length)}`;
}

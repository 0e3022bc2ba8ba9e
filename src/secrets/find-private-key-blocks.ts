// PEM private keys that a diff hunk shows only in part: a header whose footer
// lies beyond the hunk, or key lines up to a footer whose header lies before
// it. Complete blocks are in the pattern table; these are found line by line,
// and only where key material follows the header or precedes the footer, so
// code that merely mentions "-----BEGIN PRIVATE KEY-----" keeps its text.

import type { SecretSpan } from "./types.js";

const HEADER = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const FOOTER = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
/** A line of key material, perhaps inside a string literal: `MIIEow…`, `"MIIEow…\n" +`. */
const KEY_LINE = /^[\s"'`+]*[A-Za-z0-9+/]{16,}={0,2}(?:\\n)?[\s"'`+,;]*$/;
/** Lines an encrypted PEM block may carry between header and key material. */
const KEY_HEADER_LINE = /^\s*(?:Proc-Type|DEK-Info|Comment|Version):/;

interface Line {
  text: string;
  start: number;
}

export function findPrivateKeyBlocks(text: string): SecretSpan[] {
  const lines = splitLines(text);
  const spans: SecretSpan[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const header = HEADER.exec(line.text);
    if (header && !FOOTER.test(line.text.slice(header.index))) {
      const last = lastKeyLine(lines, index + 1);
      if (last > index) {
        const footer = FOOTER.exec(lines[last + 1]?.text ?? "");
        const end = footer ? lines[last + 1]!.start + footer.index + footer[0].length : lineEnd(lines[last]!);
        spans.push({ kind: "private-key", start: line.start + header.index, end });
        index = last + 1;
        continue;
      }
    }
    const footer = FOOTER.exec(line.text);
    if (footer && !HEADER.test(line.text)) {
      let first = index;
      while (first > 0 && KEY_LINE.test(lines[first - 1]!.text)) first -= 1;
      if (first < index) spans.push({ kind: "private-key", start: lines[first]!.start, end: line.start + footer.index + footer[0].length });
    }
    index += 1;
  }
  return spans;
}

/** The index of the last key line of the run that starts at `from`, or `from - 1` when there is none. */
function lastKeyLine(lines: Line[], from: number): number {
  let last = from - 1;
  for (let index = from; index < lines.length; index += 1) {
    const text = lines[index]!.text;
    if (KEY_LINE.test(text)) last = index;
    else if (!(KEY_HEADER_LINE.test(text) || (text.trim() === "" && last < from))) break;
  }
  return last;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split("\n")) {
    lines.push({ text: part, start });
    start += part.length + 1;
  }
  return lines;
}

function lineEnd(line: Line): number {
  return line.start + line.text.length;
}

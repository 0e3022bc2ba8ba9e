// Judges markdown the way a reader on GitHub meets it: rendered to HTML by a
// real CommonMark/GFM renderer (micromark), then checked for what the model's
// words must never do there. Returns the problems found; empty means safe.

import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

export interface JudgeOptions {
  /** foureyes' own HTML in the text (markers, <details>, <sub>): exact strings, left out before judging. */
  own?: string[];
  maxChars?: number;
}

const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
const MARKER = /<!--\s*foureyes/i;
/** GitHub links `@name` in a text node when the `@` starts the node or follows a non-word character. */
const PING = /(^|[^A-Za-z0-9_])@[A-Za-z0-9]/;
const SLASH_COMMAND = /^\s*\/[a-z]/i;
/** Elements inside which a line goes on (the rest start a new visible line). */
const INLINE = new Set(["a", "em", "strong", "del", "code", "sup", "sub", "span", "input"]);
const SENTINEL = "closed-sentinel";

function render(markdown: string, dangerous: boolean): string {
  return micromark(markdown, {
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
    allowDangerousHtml: dangerous,
    allowDangerousProtocol: true,
  });
}

export function judgeRenderedMarkdown(markdown: string, options: JudgeOptions = {}): string[] {
  const problems: string[] = [];
  let text = markdown;
  for (const own of options.own ?? []) text = text.split(own).join("");
  if (options.maxChars !== undefined && markdown.length > options.maxChars) problems.push(`longer than ${options.maxChars}`);
  if (INVISIBLE.test(markdown)) problems.push("invisible or bidi character in the markdown");
  if (MARKER.test(text)) problems.push("foureyes marker text in the markdown");
  if (text.split("\n").some((line) => /^\/[a-z]/i.test(line))) problems.push("a raw line starts with a slash command");

  const html = render(text, true);
  if (html !== render(text, false)) problems.push("raw HTML survives");
  if (/<img\b/i.test(html)) problems.push("image");
  for (const [, href] of html.matchAll(/<a [^>]*href="([^"]*)"/g)) {
    if (!/^(https?:|mailto:)/i.test(decode(href ?? ""))) problems.push(`link to ${href}`);
  }
  problems.push(...judgeTextNodes(html));
  if (!render(`${text}\n\n${SENTINEL}`, false).includes(`<p>${SENTINEL}</p>`)) problems.push("leaves a block open");
  return problems;
}

/** Walks the HTML's text nodes outside code: pings, markers, invisible characters, slash commands at a visible line start. */
function judgeTextNodes(html: string): string[] {
  const problems = new Set<string>();
  let codeDepth = 0;
  let lineStart = true;
  for (const [token] of html.matchAll(/<!--[\s\S]*?-->|<[^>]*>|[^<]+/g)) {
    if (token.startsWith("<")) {
      const tag = /^<\/?([a-z0-9]+)/i.exec(token)?.[1]?.toLowerCase() ?? "";
      if (tag === "code" || tag === "pre") codeDepth += token.startsWith("</") ? -1 : 1;
      if (tag === "br" || !INLINE.has(tag)) lineStart = true;
      continue;
    }
    const value = decode(token);
    if (MARKER.test(value)) problems.add("foureyes marker text on the page");
    if (INVISIBLE.test(value)) problems.add("invisible or bidi character on the page");
    if (codeDepth > 0) {
      lineStart = false;
      continue;
    }
    if (PING.test(value)) problems.add(`pings: ${value.trim().slice(0, 60)}`);
    const lines = value.split("\n");
    if (lines.some((line, index) => (index > 0 || lineStart) && SLASH_COMMAND.test(line))) problems.add("a visible line starts with a slash command");
    if (value.trim() !== "") lineStart = /\n\s*$/.test(value);
  }
  return [...problems];
}

function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

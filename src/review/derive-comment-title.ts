// A finding's one-line title, derived from its text: the first sentence of
// its first paragraph, cut at a clause when long. Returned as safe inline
// markdown (text escaped, code kept as code, all other markup dropped), so it
// can sit inside `**…**` and nothing in it pings, links or opens a block.

import { defuseMarkers } from "../markdown/defuse-markers.js";
import { escapeText } from "../markdown/escape-text.js";
import { type MarkdownNode, parseMarkdown } from "../markdown/parse-markdown.js";
import { plainText } from "../markdown/plain-text.js";
import { renderCodeSpan } from "../markdown/render-code-span.js";
import { stripInvisible } from "../markdown/strip-invisible.js";

interface Segment {
  kind: "text" | "code";
  value: string;
}

const TITLE_MAX_CHARS = 90;
/** A clause cut shorter than this says too little; cut at a word instead. */
const MIN_CLAUSE_CHARS = 30;
/** A sentence ends at . ! ? before a space or the end, but not after an abbreviation. */
const SENTENCE_END = /(?<!\b(?:e\.g|i\.e|etc|vs|cf))([.!?])(?=\s|$)/;
const CLAUSE_END = /[,;:](?=\s)|\s[—–-](?=\s)/g;

export function deriveCommentTitle(body: string, maxChars: number = TITLE_MAX_CHARS): string {
  const block = firstBlockWithText(parseMarkdown(body).children);
  if (!block) return "";
  const sentence = shorten(firstSentence(flatten(block)), maxChars);
  return renderSegments(sentence);
}

function firstBlockWithText(nodes: MarkdownNode[]): MarkdownNode | undefined {
  for (const node of nodes) {
    if (node.type === "definition" || node.type === "html" || plainText(node).trim() === "") continue;
    if (node.type === "list" || node.type === "listItem" || node.type === "blockquote") return firstBlockWithText(node.children) ?? node;
    return node;
  }
  return undefined;
}

/** Text and code only: emphasis, links and images become their words. */
function flatten(node: MarkdownNode): Segment[] {
  if (node.type === "inlineCode") return [{ kind: "code", value: node.value }];
  if (node.type === "code") return [{ kind: "code", value: node.value.split("\n").find((line) => line.trim() !== "")?.trim() ?? "" }];
  if (node.type === "paragraph" || node.type === "heading" || node.type === "emphasis" || node.type === "strong" || node.type === "delete" || node.type === "link") {
    return node.children.flatMap(flatten);
  }
  return [{ kind: "text", value: plainText(node) }];
}

function firstSentence(segments: Segment[]): Segment[] {
  const kept: Segment[] = [];
  for (const segment of segments) {
    const value = segment.kind === "text" ? segment.value.replace(/\s+/g, " ") : segment.value;
    const end = segment.kind === "text" ? SENTENCE_END.exec(value) : null;
    if (!end) {
      kept.push({ kind: segment.kind, value });
      continue;
    }
    // A title needs no full stop; a question or warning keeps its mark.
    kept.push({ kind: "text", value: value.slice(0, end.index + (end[1] === "." ? 0 : 1)) });
    break;
  }
  return trimSegments(kept);
}

/** Within maxChars: cut at the last clause boundary that keeps enough, else at a word, with "…". */
function shorten(segments: Segment[], maxChars: number): Segment[] {
  if (length(segments) <= maxChars) return segments;
  const cuts: number[] = [];
  let offset = 0;
  for (const segment of segments) {
    if (segment.kind === "text") for (const match of segment.value.matchAll(CLAUSE_END)) cuts.push(offset + match.index);
    offset += segment.value.length;
  }
  const clause = cuts.filter((cut) => cut >= MIN_CLAUSE_CHARS && cut <= maxChars).pop();
  if (clause !== undefined) return trimSegments(cutAt(segments, clause));
  const words = cutAt(segments, maxChars - 1);
  const last = words[words.length - 1];
  // Never half a word or half a code span.
  if (last?.kind === "text" && !/\s$/.test(last.value)) last.value = last.value.replace(/\S*$/, "");
  return [...trimSegments(words), { kind: "text", value: "…" }];
}

function cutAt(segments: Segment[], at: number): Segment[] {
  const kept: Segment[] = [];
  let offset = 0;
  for (const segment of segments) {
    if (offset + segment.value.length <= at) kept.push({ ...segment });
    else if (segment.kind === "text") kept.push({ kind: "text", value: segment.value.slice(0, at - offset) });
    else break;
    offset += segment.value.length;
    if (offset >= at) break;
  }
  return kept;
}

function trimSegments(segments: Segment[]): Segment[] {
  const kept = segments.filter((segment) => segment.value !== "");
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (first?.kind === "text") first.value = first.value.trimStart();
  if (last?.kind === "text") last.value = last.value.trimEnd();
  return kept.filter((segment) => segment.value !== "");
}

function length(segments: Segment[]): number {
  return segments.reduce((sum, segment) => sum + segment.value.length, 0);
}

function renderSegments(segments: Segment[]): string {
  let out = "";
  for (const [index, segment] of joinText(segments).entries()) {
    const piece =
      segment.kind === "code"
        ? renderCodeSpan(defuseMarkers(stripInvisible(segment.value)))
        : escapeText(segment.value, { atLineStart: index === 0 });
    // Two code spans side by side would merge their backtick fences.
    out += out.endsWith("`") && piece.startsWith("`") ? ` ${piece}` : piece;
  }
  return out.trim();
}

/** Neighbouring text escaped as one: "@" and a link's "name" escaped apart would ping once side by side. */
function joinText(segments: Segment[]): Segment[] {
  const joined: Segment[] = [];
  for (const segment of segments) {
    const last = joined[joined.length - 1];
    if (last?.kind === "text" && segment.kind === "text") last.value += segment.value;
    else joined.push({ ...segment });
  }
  return joined;
}

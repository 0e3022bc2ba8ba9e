// The opening of a markdown text as one safe line, for lists that show many
// findings briefly (the review body's overflow list): the first block with
// text, its inline markup kept, on one line, so nothing in it can open a
// code span or block that runs into the lines after it.

import { defuseMarkers } from "./defuse-markers.js";
import { escapeText } from "./escape-text.js";
import { type MarkdownNode, parseMarkdown } from "./parse-markdown.js";
import { plainText } from "./plain-text.js";
import { renderCodeSpan } from "./render-code-span.js";
import { renderSafeInline } from "./render-safe-inline.js";
import { stripInvisible } from "./strip-invisible.js";

export function renderFirstBlockAsLine(markdown: string, maxChars: number): string {
  const block = firstBlockWithText(parseMarkdown(markdown).children);
  if (block === undefined) return "";
  const line = renderLine(block);
  if (line.length <= maxChars) return line;
  const text = plainText(block).replace(/\s+/g, " ").trim();
  return escapeText(`${text.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`);
}

function firstBlockWithText(nodes: MarkdownNode[]): MarkdownNode | undefined {
  for (const node of nodes) {
    if (node.type === "definition") continue;
    if (node.type === "list" || node.type === "listItem" || node.type === "blockquote" || node.type === "footnoteDefinition") {
      const inner = firstBlockWithText(node.children);
      if (inner) return inner;
      continue;
    }
    if (node.type === "html" ? node.value.trim() !== "" : plainText(node).trim() !== "") return node;
  }
  return undefined;
}

function renderLine(block: MarkdownNode): string {
  switch (block.type) {
    case "paragraph":
    case "heading":
      return renderSafeInline(block.children, { definitions: new Map(), oneLine: true }).trim();
    case "code": {
      const first = block.value.split(/\r\n?|\n/).find((line) => line.trim() !== "") ?? "";
      return renderCodeSpan(defuseMarkers(stripInvisible(first.trim())));
    }
    case "html":
      return escapeText(block.value.replace(/\s+/g, " ").trim());
    default:
      return escapeText(plainText(block).replace(/\s+/g, " ").trim());
  }
}

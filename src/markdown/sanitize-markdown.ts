// Makes markdown from an untrusted writer (the model) safe to post: parsed
// as GitHub parses it, then written out again from the tree, keeping what a
// reader needs (paragraphs, lists, emphasis, code, tables, http(s) links) and
// turning the rest into plain text. See render-safe-blocks.ts for the rules.

import { parseMarkdown, type MarkdownNode } from "./parse-markdown.js";
import { renderSafeBlocks } from "./render-safe-blocks.js";

export function sanitizeMarkdown(text: string): string {
  const root = parseMarkdown(text);
  return renderSafeBlocks(root.children, { definitions: collectDefinitions(root.children) });
}

/** Link reference definitions anywhere in the tree, by identifier (the first wins, as in CommonMark). */
function collectDefinitions(nodes: MarkdownNode[], found = new Map<string, string>()): Map<string, string> {
  for (const node of nodes) {
    if (node.type === "definition" && !found.has(node.identifier)) found.set(node.identifier, node.url);
    if ("children" in node) collectDefinitions(node.children as MarkdownNode[], found);
  }
  return found;
}

// Makes markdown from an untrusted writer (the model) safe to post: parsed
// as GitHub parses it, then written out again from the tree, keeping what a
// reader needs (paragraphs, lists, emphasis, code, tables, http(s) links) and
// turning the rest into plain text. See render-safe-blocks.ts for the rules.

import { visit } from "unist-util-visit";

import { type MarkdownRoot, parseMarkdown } from "./parse-markdown.js";
import { renderSafeBlocks } from "./render-safe-blocks.js";

export function sanitizeMarkdown(text: string): string {
  const root = parseMarkdown(text);
  return renderSafeBlocks(root.children, { definitions: collectDefinitions(root) });
}

/** Link reference definitions anywhere in the tree, by identifier (the first wins, as in CommonMark). */
function collectDefinitions(root: MarkdownRoot): Map<string, string> {
  const found = new Map<string, string>();
  visit(root, "definition", (node) => {
    if (!found.has(node.identifier)) found.set(node.identifier, node.url);
  });
  return found;
}

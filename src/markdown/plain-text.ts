// The text a node holds, markup left out: what a reader would read aloud.

import type { MarkdownNode, MarkdownRoot } from "./parse-markdown.js";

export function plainText(node: MarkdownNode | MarkdownRoot): string {
  if (node.type === "html") return "";
  if ("value" in node && typeof node.value === "string") return node.value;
  if (node.type === "image" || node.type === "imageReference") return node.alt ?? "";
  if (node.type === "break") return "\n";
  if ("children" in node) return (node.children as MarkdownNode[]).map(plainText).join("");
  return "";
}

// Reads markdown the way GitHub does (CommonMark plus the GFM extensions:
// tables, strikethrough, task lists, autolink literals, footnotes) into an
// mdast tree, so what a reader sees is judged on structure, not on patterns
// over the text.

import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

export type MarkdownRoot = ReturnType<typeof fromMarkdown>;
/** Any node below the root: blocks and inline content alike. */
export type MarkdownNode = MarkdownRoot["children"][number];

export function parseMarkdown(text: string): MarkdownRoot {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

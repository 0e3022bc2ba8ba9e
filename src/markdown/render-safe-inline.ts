// Inline markdown content (the inside of a paragraph, heading or table cell)
// re-emitted safely: text escaped, code kept as code, emphasis kept, links
// kept only to http(s), images and raw HTML shown as plain text.

import { defuseMarkers } from "./defuse-markers.js";
import { escapeText } from "./escape-text.js";
import type { MarkdownNode } from "./parse-markdown.js";
import { plainText } from "./plain-text.js";
import { renderCodeSpan } from "./render-code-span.js";
import { safeLinkUrl } from "./safe-link-url.js";
import { stripInvisible } from "./strip-invisible.js";

export interface InlineContext {
  /** Link reference definitions by identifier: `[text][id]` links resolve through them. */
  definitions: Map<string, string>;
  inTable?: boolean;
  /** Everything on one line (headings, table cells, one-line summaries). */
  oneLine?: boolean;
}

export function renderSafeInline(nodes: MarkdownNode[], context: InlineContext): string {
  let atLineStart = true;
  let out = "";
  for (const node of nodes) {
    const piece = renderNode(node, context, atLineStart);
    // Two code spans side by side would merge their backtick fences into one longer run.
    out += out.endsWith("`") && piece.startsWith("`") ? ` ${piece}` : piece;
    atLineStart = node.type === "break" && !context.oneLine;
  }
  return out;
}

function renderNode(node: MarkdownNode, context: InlineContext, atLineStart: boolean): string {
  const text = (value: string) => escapeText(context.oneLine ? value.replace(/\s*[\r\n]+\s*/g, " ") : value, { atLineStart, inTable: context.inTable ?? false });
  switch (node.type) {
    case "text":
      return text(node.value);
    case "inlineCode":
      return renderCodeSpan(defuseMarkers(stripInvisible(node.value)), { inTable: context.inTable ?? false });
    case "emphasis":
      return wrap("*", renderSafeInline(node.children, context));
    case "strong":
      return wrap("**", renderSafeInline(node.children, context));
    case "delete":
      return wrap("~~", renderSafeInline(node.children, context));
    case "break":
      return context.oneLine ? " " : "\\\n";
    case "link":
      return renderLink(node.children, node.url, context);
    case "linkReference":
      return renderLink(node.children, context.definitions.get(node.identifier), context);
    case "image":
    case "imageReference":
      // No images: they load from wherever the model says, and can track who reads the review.
      return text(node.alt ?? "");
    case "html":
      return text(node.value);
    default:
      return text(plainText(node));
  }
}

function renderLink(children: MarkdownNode[], url: string | undefined, context: InlineContext): string {
  const label = renderSafeInline(children, context);
  const destination = url === undefined ? undefined : safeLinkUrl(url);
  if (destination === undefined || label.trim() === "") return label;
  return `[${label}](${destination})`;
}

function wrap(delimiter: string, content: string): string {
  return content.trim() === "" ? content : `${delimiter}${content}${delimiter}`;
}

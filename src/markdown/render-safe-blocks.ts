// Block-level markdown (paragraphs, headings, lists, quotes, code blocks,
// tables) re-emitted safely from its tree: every piece of text goes through
// the inline renderer, code blocks get a fence longer than anything inside,
// raw HTML blocks become escaped text. Containers indent their content, so
// nothing a child writes can leave its container or leave a block open.

import { defuseMarkers } from "./defuse-markers.js";
import { escapeText } from "./escape-text.js";
import type { MarkdownNode } from "./parse-markdown.js";
import { plainText } from "./plain-text.js";
import { type InlineContext, renderSafeInline } from "./render-safe-inline.js";
import { stripInvisible } from "./strip-invisible.js";

type Context = Pick<InlineContext, "definitions"> & { depth?: number };
type Of<T extends MarkdownNode["type"]> = Extract<MarkdownNode, { type: T }>;

/** Lines a bot reads as a command when they start a raw line, also inside code. */
const RAW_COMMAND_LINE = /^(\s*)(?=\/[a-z]|@?bors\b)/i;
const LANGUAGE = /^[\w#+.-]{1,32}$/;
/** Quotes and lists nested deeper show as plain text: each level indents every line below it, so depth multiplies length. */
const MAX_NESTING = 6;

export function renderSafeBlocks(nodes: MarkdownNode[], context: Context, separator = "\n\n"): string {
  return nodes
    .map((node) => renderBlock(node, context))
    .filter((block) => block !== "")
    .join(separator);
}

function renderBlock(node: MarkdownNode, context: Context): string {
  const depth = context.depth ?? 0;
  if ((node.type === "blockquote" || node.type === "list") && depth >= MAX_NESTING) return escapeText(blockText(node), { atLineStart: true });
  const inner = { ...context, depth: depth + 1 };
  switch (node.type) {
    case "paragraph":
      return renderSafeInline(node.children, context);
    case "heading":
      return `${"#".repeat(node.depth)} ${renderSafeInline(node.children, { ...context, oneLine: true })}`;
    case "thematicBreak":
      return "***";
    case "blockquote":
      return prefixLines(renderSafeBlocks(node.children, inner), "> ", "> ");
    case "list":
      return renderList(node, inner);
    case "code":
      return renderCodeBlock(node.value, node.lang);
    case "html":
      // Raw HTML is shown, not rendered: the model's words are data.
      return escapeText(node.value, { atLineStart: true });
    case "table":
      return renderTable(node, context);
    case "definition":
      return ""; // resolved where a link uses it
    case "footnoteDefinition":
      return [escapeText(`[^${node.label ?? node.identifier}]:`, { atLineStart: true }), renderSafeBlocks(node.children, context)].join("\n\n");
    default:
      return escapeText(plainText(node), { atLineStart: true });
  }
}

function renderList(list: Of<"list">, context: Context): string {
  const start = Math.min(Math.max(list.start ?? 1, 0), 999_999_000);
  const items = list.children.map((item, index) => {
    const marker = list.ordered ? `${start + index}.` : "-";
    const task = item.checked === true ? "[x] " : item.checked === false ? "[ ] " : "";
    const content = renderSafeBlocks(item.children, context, item.spread ? "\n\n" : "\n");
    const indent = " ".repeat(marker.length + 1);
    return prefixLines(`${task}${content}`, `${marker} `, indent);
  });
  return items.join(list.spread ? "\n\n" : "\n");
}

function renderCodeBlock(value: string, lang: string | null | undefined): string {
  const code = defuseMarkers(stripInvisible(value))
    .split(/\r\n?|\n/)
    // Bots read raw lines: a leading space keeps `/lgtm` in a code sample from being one.
    .map((line) => line.replace(RAW_COMMAND_LINE, "$1 "))
    .join("\n");
  const longestRun = Math.max(0, ...[...code.matchAll(/`+/g)].map(([run]) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  const info = lang && LANGUAGE.test(lang) ? lang : "";
  return code === "" ? `${fence}${info}\n${fence}` : `${fence}${info}\n${code}\n${fence}`;
}

function renderTable(table: Of<"table">, context: Context): string {
  const width = table.children[0]?.children.length ?? 0;
  if (width === 0) return "";
  const cellContext = { ...context, inTable: true, oneLine: true };
  const row = (cells: MarkdownNode[][]) =>
    `| ${Array.from({ length: width }, (_, i) => renderSafeInline(cells[i] ?? [], cellContext)).join(" | ")} |`;
  const align = Array.from({ length: width }, (_, i) => {
    const side = table.align?.[i];
    return side === "left" ? ":--" : side === "right" ? "--:" : side === "center" ? ":-:" : "---";
  });
  const [head, ...body] = table.children.map((tableRow) => row(tableRow.children.map((cell) => cell.children)));
  return [head, `| ${align.join(" | ")} |`, ...body].join("\n");
}

/** The text of a container, one line per block inside it. */
function blockText(node: MarkdownNode): string {
  if (!("children" in node) || node.type === "paragraph" || node.type === "heading") return plainText(node);
  return (node.children as MarkdownNode[]).map(blockText).filter((text) => text.trim() !== "").join("\n");
}

/** `first` before the first line, `rest` before every later non-empty line. */
function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split("\n")
    .map((line, index) => (index === 0 ? `${first}${line}`.trimEnd() || first.trimEnd() : line === "" ? rest.trimEnd() : `${rest}${line}`))
    .join("\n");
}

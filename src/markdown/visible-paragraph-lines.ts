// The lines of a comment a reader sees as its own words on the page: the
// top-level paragraphs, as rendered text. Not code (fenced or indented),
// not raw HTML (comments and <pre> are invisible or verbatim), not quotes
// (someone else's words), not lists, headings or tables, and nothing inside
// a collapsed <details> block (hidden until clicked).

import { type MarkdownNode, parseMarkdown } from "./parse-markdown.js";

/** Code and images show something, but not text a line could start with. */
const NOT_TEXT = "\uFFFC";

export function visibleParagraphLines(markdown: string): string[] {
  const details = new DetailsTracker();
  const lines: string[] = [];
  for (const node of parseMarkdown(markdown).children) {
    if (node.type === "html") details.read(node.value);
    if (node.type !== "paragraph") continue;
    const text = visibleText(node.children, details);
    lines.push(...text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== ""));
  }
  return lines;
}

/** Text shown while no collapsed <details> is open; inline HTML counts towards that but shows nothing itself. */
function visibleText(nodes: MarkdownNode[], details: DetailsTracker): string {
  let text = "";
  for (const node of nodes) {
    if (node.type === "html") {
      details.read(node.value);
      continue;
    }
    if (details.hidden()) continue;
    if (node.type === "text") text += node.value;
    else if (node.type === "break") text += "\n";
    else if (node.type === "inlineCode" || node.type === "image" || node.type === "imageReference") text += NOT_TEXT;
    else if ("children" in node) text += visibleText(node.children as MarkdownNode[], details);
  }
  return text;
}

/** Open <details> elements in document order; content is hidden while any of them is collapsed (no `open`). */
class DetailsTracker {
  private readonly stack: boolean[] = [];

  read(html: string): void {
    for (const [tag] of html.matchAll(/<\/?details\b[^>]*>/gi)) {
      if (tag.startsWith("</")) this.stack.pop();
      else this.stack.push(!/\sopen\b/i.test(tag));
    }
  }

  hidden(): boolean {
    return this.stack.includes(true);
  }
}

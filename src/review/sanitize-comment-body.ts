// Makes model-written text safe to post: the model's words are data. Nobody is
// pinged, no raw HTML renders, no bot reads a command in it, length is bounded.

export const MAX_COMMENT_CHARS = 2000;

/** Lines that other bots (Prow, bors, our own commands) would read as commands. */
const COMMAND_LINE = /^(\s*)(\/[a-z]|bors\s|@?bors\b)/i;
/** @user, @org/team; not e-mail addresses (a word character before the @). */
const MENTION = /(^|[^\w`@])@([a-z\d](?:[a-z\d-]{0,38})(?:\/[a-z\d_.-]+)?)/gi;

export function sanitizeCommentBody(text: string, maxChars: number = MAX_COMMENT_CHARS): string {
  const bounded = truncate(text.replace(/\r\n?/g, "\n").trim(), maxChars);
  const segments = splitCode(bounded);
  const safe = segments.map((segment) => (segment.code ? defuseCodeCommands(segment.text) : sanitizeProse(segment.text))).join("");
  return safe.replace(/\n{3,}/g, "\n\n");
}

function sanitizeProse(text: string): string {
  return text
    .replace(/&(?![a-z]+;|#\d+;)/gi, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/!\[/g, "[") // no remote images: they would load from wherever the model says
    .replace(MENTION, (_match, before: string, handle: string) => `${before}\`@${handle}\``)
    .split("\n")
    .map((line) => line.replace(COMMAND_LINE, (_m, indent: string, command: string) => `${indent}\\${command}`))
    .join("\n");
}

/** Inside code a backslash would show; a leading space is enough for line-anchored bot commands. */
function defuseCodeCommands(code: string): string {
  return code
    .split("\n")
    .map((line) => line.replace(COMMAND_LINE, (_m, indent: string, command: string) => `${indent} ${command}`))
    .join("\n");
}

interface Segment {
  text: string;
  code: boolean;
}

/** Split into code (fenced blocks, inline spans: rendered verbatim, ping nobody) and prose. */
function splitCode(text: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /```[\s\S]*?(?:```|$)|`[^`\n]+`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) segments.push({ text: text.slice(last, index), code: false });
    segments.push({ text: closeFence(match[0]), code: true });
    last = index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), code: false });
  return segments;
}

/** A fence left open (e.g. by truncation) would swallow the rest of the review body. */
function closeFence(code: string): string {
  if (code.startsWith("```") && (code.length < 6 || !code.endsWith("```"))) return `${code}\n\`\`\``;
  return code;
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars - 1).trimEnd()}…`;
}

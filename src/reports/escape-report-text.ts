// Makes untrusted text (PR titles, logins, repository names) safe inside the
// report's markdown: one line, bounded, no HTML, no markdown that changes the
// layout (table pipes, links, emphasis), no @-mention that pings anyone, and
// for mermaid charts only characters that cannot break the chart syntax.

// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/** Characters that would start markdown syntax inside a line or a table cell. */
const MARKDOWN_SPECIAL = /[\\`*_[\]|~<>#!]/g;
/** "@name" or "@org/team": a zero-width space after the @ keeps the text and drops the ping. */
const MENTION = /@(?=[A-Za-z0-9])/g;

export function escapeInlineText(text: string, maxChars = 120): string {
  const oneLine = text.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
  const bounded = oneLine.length > maxChars ? `${oneLine.slice(0, maxChars - 1).trimEnd()}…` : oneLine;
  return bounded
    .replace(/&/g, "&amp;")
    .replace(MARKDOWN_SPECIAL, (char) => (char === "<" ? "&lt;" : char === ">" ? "&gt;" : `\\${char}`))
    .replace(MENTION, "@\u200b");
}

/** A label inside a mermaid chart's quoted list: letters, digits, spaces and a few safe marks only. */
export function escapeChartLabel(text: string, maxChars = 40): string {
  const safe = text.replace(/[^\p{L}\p{N} ._\-–]/gu, "").replace(/\s+/g, " ").trim();
  return (safe.length > maxChars ? safe.slice(0, maxChars) : safe) || "?";
}

/** Only http(s) links, with the characters that would end a markdown link target encoded. */
export function safeLinkTarget(url: string): string | undefined {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return url.replace(/[()<>"'`\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

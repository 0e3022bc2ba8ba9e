// One inline code span that shows `value` verbatim: its backtick fence is
// longer than any backtick run inside, so the content cannot close it early.

export function renderCodeSpan(value: string, options: { inTable?: boolean } = {}): string {
  // Line breaks in a code span render as spaces anyway; on one line no raw line starts inside it.
  let content = value.replace(/\r\n?|\n/g, " ");
  if (content === "") return "";
  // In a table a pipe ends the cell, also inside code, unless escaped.
  if (options.inTable) content = content.replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...[...content.matchAll(/`+/g)].map(([run]) => run.length));
  const fence = "`".repeat(longestRun + 1);
  // One space each side is stripped when both are there, so pad when the content touches a backtick or a space.
  const pad = /^[` ]|[` ]$/.test(content) && content.trim() !== "" ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}

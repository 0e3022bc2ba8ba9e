// The review body's focus list: every critical and major finding, posted or
// over the comment limit, as one line that links to its place in the diff,
// so the reader sees what matters before the counts.

import type { AnchoredComment } from "../core/comments.js";
import type { Severity } from "../core/severity.js";
import { renderLineLink } from "./render-line-link.js";
import { titleFinding } from "./title-finding.js";

const FOCUS: ReadonlySet<Severity> = new Set(["critical", "major"]);
const MAX_FOCUS = 20;
const LABEL: Record<"critical" | "major", string> = { critical: "Critical", major: "Major" };

/** Ranked findings in, markdown lines out (none when nothing is critical or major). */
export function renderFocusList(findings: AnchoredComment[], pullUrl: string | undefined): string[] {
  const focus = findings.filter((finding) => FOCUS.has(finding.severity));
  if (focus.length === 0) return [];
  const lines = ["**Look at these first:**", ""];
  for (const finding of focus.slice(0, MAX_FOCUS)) {
    const label = LABEL[finding.severity as "critical" | "major"];
    const title = titleFinding(finding);
    lines.push(`- **${label}** ${renderLineLink(finding, pullUrl)}${title === "" ? "" : `: ${title}`}`);
  }
  if (focus.length > MAX_FOCUS) lines.push(`- … and ${focus.length - MAX_FOCUS} more critical or major`);
  return lines;
}

// The review body's lists of files not reviewed (with why) and removed; a
// lockfile's line names the dependencies that changed versions, which a
// reviewer must look at anyway.

import { defuseMarkers } from "../markdown/defuse-markers.js";
import { escapeText } from "../markdown/escape-text.js";
import { renderCodeSpan } from "../markdown/render-code-span.js";
import { stripInvisible } from "../markdown/strip-invisible.js";
import type { DependencyChange, SkippedFile } from "./types.js";

const MAX_LISTED = 50;
const MAX_DEPENDENCIES = 20;

export function renderSkippedFiles(skipped: SkippedFile[], verdict: "not reviewed" | "removed"): string[] {
  const noun = skipped.length === 1 ? "file" : "files";
  const lines = [`<details><summary>${skipped.length} ${noun} ${verdict}</summary>`, ""];
  for (const file of skipped.slice(0, MAX_LISTED)) {
    const path = `- ${code(file.path)}`;
    if (verdict === "removed") {
      lines.push(path);
      continue;
    }
    lines.push(`${path}: ${escapeLine(file.detail ?? file.reason)}`, ...renderDependencyChanges(file.dependencyChanges ?? []));
  }
  if (skipped.length > MAX_LISTED) lines.push(`- … and ${skipped.length - MAX_LISTED} more`);
  lines.push("", "</details>");
  return lines;
}

/** One nested line per dependency: bumped `name` old → new, added `name` version, removed `name` version. */
function renderDependencyChanges(changes: DependencyChange[]): string[] {
  const lines = changes.slice(0, MAX_DEPENDENCIES).map((change) => {
    const { from, to } = change;
    if (from !== undefined && to !== undefined) return `  - bumped ${code(change.name)} ${escapeLine(from)} → ${escapeLine(to)}`;
    if (to !== undefined) return `  - added ${code(change.name)} ${escapeLine(to)}`;
    return `  - removed ${code(change.name)} ${escapeLine(from ?? "")}`;
  });
  if (changes.length > MAX_DEPENDENCIES) lines.push(`  - … and ${changes.length - MAX_DEPENDENCIES} more`);
  return lines;
}

/** Names and versions come from the repository: inert inside inline code. */
function code(text: string): string {
  return renderCodeSpan(defuseMarkers(stripInvisible(text)));
}

function escapeLine(text: string): string {
  return escapeText(text.replace(/[\r\n]+/g, " "));
}

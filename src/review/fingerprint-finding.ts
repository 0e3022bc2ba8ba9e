// A finding's identity across reviews of one pull request: what it says (its
// rule, or its text normalised), where it sits (the enclosing declaration's
// kind and name) and the code around it (normalised), never its line number,
// so it survives edits above it and rebases that leave it alone.

import { createHash } from "node:crypto";

import { innermostSite } from "../analysis/find-declarations.js";
import type { FileAnalysis } from "../analysis/types.js";
import type { AnchoredComment } from "../core/comments.js";
import type { FindingIdentity } from "../core/markers.js";

/** Lines above and below the finding's line that make up "the code around it". */
const CODE_WINDOW = 2;

/** Each comment with its identity; `heads` maps a path to its head text (null when unreadable). */
export function fingerprintFindings(comments: AnchoredComment[], analyses: FileAnalysis[], heads: ReadonlyMap<string, string | null>): AnchoredComment[] {
  const byPath = new Map(analyses.map((analysis) => [analysis.path, analysis]));
  return comments.map((comment) => {
    const declaration = innermostSite(byPath.get(comment.path)?.declarations ?? [], comment.startLine ?? comment.line, comment.line);
    const rule = comment.source.startsWith("rule:") ? comment.source.slice("rule:".length) : "-";
    const what = rule === "-" ? normaliseFindingText(comment.body) : `rule ${rule}`;
    const where = declaration ? `${declaration.kind} ${declaration.name}` : "none";
    const code = comment.side === "RIGHT" ? codeAround(heads.get(comment.path) ?? null, comment.line, declaration) : "";
    const identity: FindingIdentity = {
      fingerprint: sha256(`${comment.path}\n${what}\n${where}\n${code}`).slice(0, 16),
      kind: declaration?.kind ?? "none",
      rule,
    };
    return { ...comment, identity };
  });
}

/** Lower-case words with code spans, numbers and spacing evened out: the same finding worded the same way again. */
function normaliseFindingText(text: string): string {
  return text
    .toLowerCase()
    .replace(/`[^`\n]*`/g, "`x`")
    .replace(/\d+/g, "0")
    .replace(/[^\w`]+/g, " ")
    .trim();
}

/**
 * The finding's line and its neighbours in the head version, within its
 * declaration (code added next to it does not change it), whitespace-free
 * (re-indenting does not either).
 */
function codeAround(head: string | null, line: number, within?: { startLine: number; endLine: number }): string {
  if (head === null) return "";
  const first = Math.max(line - CODE_WINDOW, within?.startLine ?? 1);
  const last = Math.min(line + CODE_WINDOW, within?.endLine ?? Number.MAX_SAFE_INTEGER);
  return head
    .split("\n")
    .slice(first - 1, last)
    .map((text) => text.replace(/\s+/g, ""))
    .join("\n");
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

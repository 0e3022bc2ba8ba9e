// Hidden markers foureyes leaves in what it posts, so it can find its own
// review for a head commit (exactly one per head), the one review a
// `/foureyes review` comment asked for, its replies and its earlier comments.
// A marker counts only on what foureyes' own account wrote (see
// src/core/app-identity.ts): anyone can type one.

export const COMMENT_MARKER = "<!-- foureyes:comment -->";

export function headMarker(headSha: string): string {
  return `<!-- foureyes:head=${headSha} -->`;
}

/** True when a review body was posted by foureyes for this head commit. */
export function hasHeadMarker(body: string | null | undefined, headSha: string): boolean {
  return typeof body === "string" && body.includes(headMarker(headSha));
}

/** Marks the review a `/foureyes review` comment asked for, so a retried or recovered rerun posts it once. */
export function rerunMarker(commentId: number): string {
  return `<!-- foureyes:rerun=${commentId} -->`;
}

/** True when a review body was posted by foureyes for the rerun the comment `commentId` asked for. */
export function hasRerunMarker(body: string | null | undefined, commentId: number): boolean {
  return typeof body === "string" && body.includes(rerunMarker(commentId));
}

/** Marks foureyes' reply to the comment `commentId`, so a write that failed ambiguously is not sent twice. */
export function replyMarker(commentId: number): string {
  return `<!-- foureyes:reply=${commentId} -->`;
}

/** What identifies one finding across reviews of a pull request (see src/review/fingerprint-finding.ts). */
export interface FindingIdentity {
  /** 16 hex digits. */
  fingerprint: string;
  /** The enclosing declaration's kind, or "none" outside any declaration. */
  kind: string;
  /** The rule id, or "-" for a model finding. */
  rule: string;
}

/** Hidden marker carried by each posted comment, so what was said can be rebuilt from GitHub alone. */
export function findingMarker(identity: FindingIdentity): string {
  return `<!-- foureyes:finding fp=${identity.fingerprint} kind=${markerWord(identity.kind)} rule=${markerWord(identity.rule)} -->`;
}

const FINDING_MARKER = /<!-- foureyes:finding fp=([0-9a-f]{16}) kind=([\w.:/-]+) rule=([\w.:/-]+) -->/;

/** The finding identity in a comment body, or null. Callers check that foureyes' own account wrote it. */
export function parseFindingMarker(body: string | null | undefined): FindingIdentity | null {
  const match = typeof body === "string" ? FINDING_MARKER.exec(body) : null;
  if (!match) return null;
  return { fingerprint: match[1]!, kind: match[2]!, rule: match[3]! };
}

// A marker word never carries spaces or "-->", whatever the rule id or kind is called.
function markerWord(value: string): string {
  const word = value.replace(/[^\w.:/-]/g, "_");
  return word.length > 0 ? word : "-";
}

/** Any foureyes head marker, whatever the commit: how a review is recognised as foureyes' own kind. */
export const ANY_HEAD_MARKER = /<!-- foureyes:head=[0-9a-f]{7,64} -->/i;

/** The head commit a foureyes review body names, or null. Callers check that foureyes' own account wrote it. */
export function reviewedHead(body: string | null | undefined): string | null {
  const match = typeof body === "string" ? /<!-- foureyes:head=([0-9a-f]{7,64}) -->/i.exec(body) : null;
  return match ? match[1]!.toLowerCase() : null;
}

/** Text without any foureyes marker (and the line break after one), for showing it elsewhere. */
export function stripMarkers(text: string): string {
  return text.replace(/<!-- foureyes:[^>]*-->\n?/g, "");
}

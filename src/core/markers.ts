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

/** Any foureyes head marker, whatever the commit: how a review is recognised as foureyes' own kind. */
export const ANY_HEAD_MARKER = /<!-- foureyes:head=[0-9a-f]{7,64} -->/i;

/** Text without any foureyes marker (and the line break after one), for showing it elsewhere. */
export function stripMarkers(text: string): string {
  return text.replace(/<!-- foureyes:[^>]*-->\n?/g, "");
}

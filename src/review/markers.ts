// Hidden markers foureyes leaves in what it posts, so it can find its own
// review for a head commit (exactly one per head) and its earlier comments.

export const COMMENT_MARKER = "<!-- foureyes:comment -->";

export function headMarker(headSha: string): string {
  return `<!-- foureyes:head=${headSha} -->`;
}

/** True when a review body was posted by foureyes for this head commit. */
export function hasHeadMarker(body: string | null | undefined, headSha: string): boolean {
  return typeof body === "string" && body.includes(headMarker(headSha));
}

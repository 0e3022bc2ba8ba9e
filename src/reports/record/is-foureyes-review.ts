// Recognises foureyes' own advisory reviews, which never count as human
// reviews: by the hidden head marker every such review body carries (see
// src/review/markers.ts), or by the app's own bot login when it is known.

const HEAD_MARKER = /<!-- foureyes:head=[0-9a-f]{7,64} -->/i;

export function isFoureyesReview(
  review: { body?: string | null; authorLogin?: string | null },
  appLogin?: string,
): boolean {
  if (typeof review.body === "string" && HEAD_MARKER.test(review.body)) return true;
  return appLogin !== undefined && review.authorLogin?.toLowerCase() === appLogin.toLowerCase();
}

// Recognises foureyes' own advisory reviews, which never count as human
// reviews: by the hidden head marker every such review body carries (see
// src/core/markers.ts), or by the app's own bot login when it is known.

import { ANY_HEAD_MARKER } from "../../core/markers.js";

export function isFoureyesReview(
  review: { body?: string | null; authorLogin?: string | null },
  appLogin?: string,
): boolean {
  if (typeof review.body === "string" && ANY_HEAD_MARKER.test(review.body)) return true;
  return appLogin !== undefined && review.authorLogin?.toLowerCase() === appLogin.toLowerCase();
}

// Recognises foureyes' own advisory reviews, which never count as human
// reviews. When foureyes' account is known (the app reads it at start), a
// review is foureyes' exactly when that account wrote it: anyone can type the
// hidden head marker. Without it (`foureyes report` with a personal token) the
// marker is all there is to go by.

import { type AppIdentity, type Author, isAppAccount } from "../../core/app-identity.js";
import { ANY_HEAD_MARKER } from "../../core/markers.js";

export function isFoureyesReview(review: { body?: string | null; author?: Author | null }, app?: AppIdentity): boolean {
  if (app !== undefined) return isAppAccount(review.author, app);
  return typeof review.body === "string" && ANY_HEAD_MARKER.test(review.body);
}

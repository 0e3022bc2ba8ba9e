// A foureyes comment's finding in its own words: the rendered comment minus
// its hidden markers and its bold heading line, bounded, for comparing with
// later findings.

import { stripMarkers } from "../core/markers.js";

/** Longest finding text kept per record: enough to compare words with. */
const MAX_TEXT = 500;

export function findingText(rendered: string): string {
  return stripMarkers(rendered)
    .replace(/^\*\*[^\n]*\*\*[^\n]*\n+/, "")
    .trim()
    .slice(0, MAX_TEXT);
}

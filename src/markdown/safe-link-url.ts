// The only links model text may carry: http(s), written so the destination
// cannot end early or smuggle markup.

import { stripInvisible } from "./strip-invisible.js";

/** The URL as a markdown link destination (`<…>`), or undefined when it is not http(s). */
export function safeLinkUrl(url: string): string | undefined {
  const cleaned = stripInvisible(url).trim();
  if (!/^https?:\/\/[^\s/]/i.test(cleaned)) return undefined;
  return `<${cleaned.replace(/[\s<>\\`]/g, (char) => encodeURIComponent(char))}>`;
}

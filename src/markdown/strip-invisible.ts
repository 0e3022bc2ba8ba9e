// Characters a reader cannot see but that change what they read: bidi
// overrides and isolates (text shown in another order than it is stored, as in
// "Trojan Source") and zero-width characters (hide or split words).

const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}

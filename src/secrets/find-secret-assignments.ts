// Secrets without a known shape: a literal assigned to a secret-like name
// (`password`, `client_secret`, `apiKey`, `DB_TOKEN`) that looks random —
// long enough, letters and digits, high Shannon entropy. Identifiers, paths,
// URLs, template references and words stay: redacting ordinary code would
// cost the review its meaning.

import { DECLARED_TYPE } from "./declared-type.js";
import { isPlaceholderValue } from "./is-placeholder-value.js";
import { shannonEntropy } from "./shannon-entropy.js";
import type { SecretSpan } from "./types.js";

/** Shorter values are passwords a reviewer should see flagged by the model, not random keys. */
export const MIN_SECRET_LENGTH = 10;
/** Bits per character; random base64/hex of this length scores above it, words and identifiers below. */
export const MIN_SECRET_ENTROPY = 3.0;

/**
 * `name = "value"`, `name: 'value'`, `"name": "value"`, `NAME=value`, `name := value`,
 * also with a declared type (`val name: String = "value"`, `var name string = "value"`).
 * A quoted value has no whitespace or escapes; a bare one ends the statement.
 * The name starts only where a word starts, and a bare value is taken whole
 * (an atomic lookahead), so a minified line is scanned in linear time.
 */
const ASSIGNMENT = new RegExp(
  String.raw`(?<![\w.-])(?<name>[A-Za-z_][\w.-]*)["'\`]?\]?${DECLARED_TYPE}[ \t]*(?::=|=>|=|:)[ \t]*` +
    String.raw`(?:@?(?<quote>["'\`])(?<quoted>[^"'\`\s\\]{1,300})\k<quote>|(?=(?<bare>[^\s"'\`,;:()[\]{}<>]{1,300}))\k<bare>(?=[ \t]*(?:[,;#]|\/\/|$)))`,
  "dgm",
);

/**
 * A quoted name paired with a quoted value: `setProperty("keyStorePassword", "…")`,
 * `Map.of("client_secret", "…")`, Kotlin's `"apiToken" to "…"`, `os.Setenv("API_TOKEN", "…")`.
 */
const QUOTED_PAIR =
  /(?<nameQuote>["'])(?<name>[A-Za-z_][\w.-]{0,100})\k<nameQuote>[ \t]*(?:,|\bto\b)[ \t]*@?(?<quote>["'`])(?<quoted>[^"'`\s\\]{1,300})\k<quote>/dg;

/** Name words that make a value secret. */
const SECRET_WORDS = new Set(["password", "passwd", "passphrase", "pwd", "pass", "secret", "secrets", "token", "apikey", "credential", "credentials"]);
/** Two-word names: api key, access key, private key, … */
const SECRET_PAIRS = new Set(["api key", "access key", "private key", "auth key", "signing key", "encryption key", "master key", "secret key", "account key"]);
/** A last word that says the value is about the secret, not the secret: tokenUrl, passwordField, secretName. */
const NOT_THE_SECRET = new Set([
  "url", "uri", "path", "file", "dir", "name", "type", "header", "field", "endpoint", "length", "len", "count", "size",
  "prefix", "suffix", "pattern", "regex", "id", "ids", "env", "var", "label", "format", "kind", "mode", "ttl", "expiry",
  "expires", "expiration", "at", "hint", "policy", "strategy", "provider", "store", "manager", "service", "client", "version",
  "string", "strings", "chars", "charset", "alphabet", "re", "regexp",
]);

/**
 * A secret-like name holds a secret word or a pair's last word, in any case, so a line without
 * one of them has none; both patterns match within a line.
 */
const NAME_HINT = new RegExp([...SECRET_WORDS, ...[...SECRET_PAIRS].map((pair) => pair.slice(pair.lastIndexOf(" ") + 1))].join("|"), "i");

export function findSecretAssignments(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  // Most lines of code name no secret: only the lines that could are searched, at their offsets.
  let offset = 0;
  for (const line of text.split("\n")) {
    if (NAME_HINT.test(line)) collectAssignments(line, offset, spans);
    offset += line.length + 1;
  }
  return spans;
}

function collectAssignments(line: string, offset: number, spans: SecretSpan[]): void {
  for (const match of [...line.matchAll(ASSIGNMENT), ...line.matchAll(QUOTED_PAIR)]) {
    const groups = match.groups ?? {};
    const value = groups.quoted ?? groups.bare;
    const where = match.indices?.groups?.quoted ?? match.indices?.groups?.bare;
    if (value === undefined || where === undefined || !isSecretName(groups.name ?? "")) continue;
    if (!looksRandom(value, groups.bare !== undefined)) continue;
    spans.push({ kind: "secret-assignment", start: offset + where[0], end: offset + where[1] });
  }
}

/** Splits `clientSecret`, `DB_PASSWORD`, `api-key`, `aws.secretKey` into lower-case words. */
export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (last === undefined || NOT_THE_SECRET.has(last)) return false;
  return words.some((word, index) => SECRET_WORDS.has(word) || SECRET_PAIRS.has(`${word} ${words[index + 1] ?? ""}`));
}

function looksRandom(value: string, bare: boolean): boolean {
  if (value.length < MIN_SECRET_LENGTH || isPlaceholderValue(value)) return false;
  if (!/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) return false;
  // Paths, URLs and dotted references (`process.env.X`, `config.db.password2`) are code, not secrets.
  if (/^(?:[./~]|https?:)/.test(value) || value.includes("://")) return false;
  if (bare && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  // A regular expression's character class (`[A-Za-z0-9._~+/-]+`) describes tokens; it is not one.
  if (/\[[^\]]*-[^\]]*\]/.test(value)) return false;
  return shannonEntropy(value) >= MIN_SECRET_ENTROPY;
}

// Replaces every secret in a text with `[REDACTED:kind]` and keeps the text's
// line count: a secret spanning lines (a PEM block) leaves the placeholder on
// each of its lines, so line numbers around it still point where they did.

import { findSecrets } from "./find-secrets.js";
import type { SecretKind } from "./types.js";

export interface RedactedSecret {
  kind: SecretKind;
  /** 0-based lines of the text the secret covered. */
  firstLine: number;
  lastLine: number;
}

export interface Redaction {
  text: string;
  secrets: RedactedSecret[];
}

export function redactionPlaceholder(kind: SecretKind): string {
  return `[REDACTED:${kind}]`;
}

export function redactSecrets(text: string): Redaction {
  const spans = findSecrets(text);
  if (spans.length === 0) return { text, secrets: [] };
  const parts: string[] = [];
  const secrets: RedactedSecret[] = [];
  let cursor = 0;
  let line = 0;
  for (const span of spans) {
    const before = text.slice(cursor, span.start);
    line += countNewlines(before);
    const covered = countNewlines(text.slice(span.start, span.end));
    parts.push(before, Array.from({ length: covered + 1 }, () => redactionPlaceholder(span.kind)).join("\n"));
    secrets.push({ kind: span.kind, firstLine: line, lastLine: line + covered });
    line += covered;
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(""), secrets };
}

function countNewlines(text: string): number {
  let count = 0;
  for (const char of text) if (char === "\n") count += 1;
  return count;
}

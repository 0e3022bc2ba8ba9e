// Every secret in a text, by every detector: the pattern table, cut-off PEM
// blocks and high-entropy assignments. Overlapping finds merge into one span
// (the first detector's kind wins), in text order.

import { findPrivateKeyBlocks } from "./find-private-key-blocks.js";
import { findSecretAssignments } from "./find-secret-assignments.js";
import { isPlaceholderValue } from "./is-placeholder-value.js";
import { SECRET_PATTERNS } from "./secret-patterns.js";
import type { SecretPattern, SecretSpan } from "./types.js";

export function findSecrets(text: string): SecretSpan[] {
  const found = [...SECRET_PATTERNS.flatMap((row) => findByPattern(text, row)), ...findPrivateKeyBlocks(text), ...findSecretAssignments(text)];
  return mergeSpans(found);
}

const compiled = new WeakMap<SecretPattern, RegExp>();

function findByPattern(text: string, row: SecretPattern): SecretSpan[] {
  if (row.contains !== undefined && !text.includes(row.contains)) return [];
  let pattern = compiled.get(row);
  if (!pattern) compiled.set(row, (pattern = new RegExp(row.pattern.source, `${row.pattern.flags.replace(/[gd]/g, "")}gd`)));
  const spans: SecretSpan[] = [];
  for (const match of text.matchAll(pattern)) {
    const [start, end] = match.indices?.groups?.secret ?? match.indices?.[0] ?? [0, 0];
    const value = text.slice(start, end);
    if (end <= start || (row.requires && !row.requires.test(match[0]))) continue;
    // Key material may hold any run of characters; every other shape with a filler in it is documentation.
    if (row.kind !== "private-key" && isPlaceholderValue(value)) continue;
    spans.push({ kind: row.kind, start, end });
  }
  return spans;
}

function mergeSpans(spans: SecretSpan[]): SecretSpan[] {
  const ordered = spans.map((span, order) => ({ span, order })).sort((a, b) => a.span.start - b.span.start || a.order - b.order);
  const merged: SecretSpan[] = [];
  for (const { span } of ordered) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

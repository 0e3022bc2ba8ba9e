// Lenient JSON extraction from a model's text: self-hosted servers and small
// models wrap JSON in fences, prose or reasoning blocks even when asked not to.

import { stripReasoning } from "./strip-reasoning.js";

/** How many `{` starts to try before giving up, so prose full of braces stays cheap. */
const MAX_OBJECT_STARTS = 64;

/**
 * The first JSON object or array found in `text`, or undefined: the whole text
 * as JSON; then each fenced block (```json … ```); then the first balanced
 * `{…}` that parses. The model's reasoning (see strip-reasoning.ts) is ignored.
 */
export function extractJson(text: string): unknown {
  const cleaned = stripReasoning(text.replace(/^\uFEFF/, ""));
  const whole = parseStructured(cleaned);
  if (whole !== undefined) return whole;

  for (const match of cleaned.matchAll(/```[\w-]*[^\S\n]*\n?([\s\S]*?)```/g)) {
    const fenced = parseStructured((match[1] ?? "").trim());
    if (fenced !== undefined) return fenced;
  }

  let start = cleaned.indexOf("{");
  for (let tries = 0; start !== -1 && tries < MAX_OBJECT_STARTS; tries += 1) {
    const end = balancedEnd(cleaned, start);
    if (end !== -1) {
      const object = parseStructured(cleaned.slice(start, end + 1));
      if (object !== undefined) return object;
    }
    start = cleaned.indexOf("{", start + 1);
  }
  return undefined;
}

/** JSON.parse, keeping only objects and arrays (a bare string or number is not an answer). */
function parseStructured(text: string): unknown {
  if (!text.startsWith("{") && !text.startsWith("[")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Index of the `}` that closes the `{` at `start`, skipping braces inside strings; -1 when unbalanced. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === "{") {
      depth += 1;
    } else if (char === "}") {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

// Plain words for one problem in `.github/foureyes.yml`, named by its path:
// `maxComents: unknown key (did you mean maxComments?)`,
// `maxComments: expected a whole number between 0 and 50, got "ten"`.
// What a key accepts is read from the config's JSON Schema, so the words
// follow the schema.

import { z } from "zod";

import { countOf } from "../core/count-of.js";
import { repoConfigSchema } from "./repo-config.js";

type JsonSchemaNode = {
  type?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  /** A mapping of free keys: the schema of each value. */
  additionalProperties?: JsonSchemaNode | boolean;
};

export type ConfigPath = readonly PropertyKey[];

/** Keys that were settings once; a file that still has one is told why it does nothing. */
const RETIRED_KEYS: Record<string, string> = {
  "reports.retentionDays": "no longer a setting: how long the review-load record is kept is the server's decision",
};

const ROOT_SCHEMA = z.toJSONSchema(repoConfigSchema, { io: "input" }) as JsonSchemaNode;

export const describeConfigProblem = {
  /** An unknown key, with the known key it most likely misspells (`meant`) when there is one. */
  unknownKey(path: ConfigPath, knownKeys: readonly string[]): { text: string; meant?: string } {
    const key = String(path[path.length - 1]);
    const retired = RETIRED_KEYS[formatConfigPath(path)];
    if (retired) return { text: retired };
    const meant = closestKey(key, knownKeys);
    if (meant) return { text: `unknown key (did you mean ${meant}?)`, meant };
    return { text: `unknown key (known keys: ${knownKeys.join(", ")})` };
  },

  /** A value the key does not accept: what it accepts and what it got. */
  invalidValue(path: ConfigPath, issue: z.core.$ZodIssue | undefined, value: unknown): string {
    // Refinements and patterns carry their own words ("cron must have five fields, …").
    if (issue && (issue.code === "custom" || issue.code === "invalid_format")) return `${issue.message} (got ${describeValue(value)})`;
    const node = schemaAt(path);
    return `expected ${node ? describeExpected(node) : "a valid value"}, got ${describeValue(value)}`;
  },
};

/** `reports.rubberStamp.minChangedLines`, `exclude[2]`. */
export function formatConfigPath(path: ConfigPath): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index > 0 ? "." : ""}${String(part)}`)).join("");
}

/** The JSON Schema node for a value's path (object keys and list indexes), when the schema has one. */
function schemaAt(path: ConfigPath): JsonSchemaNode | undefined {
  let node: JsonSchemaNode | undefined = ROOT_SCHEMA;
  for (const part of path) {
    if (!node) return undefined;
    const free: JsonSchemaNode | undefined = typeof node.additionalProperties === "object" ? node.additionalProperties : undefined;
    node = typeof part === "number" ? node.items : (node.properties?.[String(part)] ?? free);
  }
  return node;
}

/** Plain words for what a JSON Schema node accepts. */
function describeExpected(schema: JsonSchemaNode): string {
  if (schema.enum) return `one of ${schema.enum.map((value) => String(value)).join(", ")}`;
  switch (schema.type) {
    case "boolean":
      return "true or false";
    case "integer":
    case "number": {
      const noun = schema.type === "integer" ? "a whole number" : "a number";
      if (schema.minimum !== undefined && schema.maximum !== undefined) return `${noun} between ${schema.minimum} and ${schema.maximum}`;
      if (schema.minimum !== undefined) return `${noun} of at least ${schema.minimum}`;
      if (schema.maximum !== undefined) return `${noun} of at most ${schema.maximum}`;
      return noun;
    }
    case "string": {
      if (schema.minLength && schema.maxLength !== undefined) return `text of ${schema.minLength} to ${schema.maxLength} characters`;
      if (schema.minLength) return "non-empty text";
      if (schema.maxLength !== undefined) return `text of at most ${schema.maxLength} characters`;
      return "text";
    }
    case "array":
      return schema.items ? `a list of ${pluralItem(describeExpected(schema.items))}` : "a list";
    case "object":
      return "a mapping of settings";
    default:
      return "a valid value";
  }
}

function pluralItem(description: string): string {
  if (description === "non-empty text") return "non-empty strings";
  if (description === "text") return "strings";
  return `items that are each ${description}`;
}

/** Plain words for a value from the file; long text is only measured, never repeated. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return `a list (${countOf(value.length, "item")})`;
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return value.length > 60 ? `text of ${value.length} characters` : JSON.stringify(value);
  return String(value);
}

/** The known key nearest to a misspelt one, when it is near enough to be a likely typo. */
export function closestKey(key: string, knownKeys: readonly string[]): string | undefined {
  // A shortened key (`maxMinutes` for `maxMinutesAfterRequest`) is a near miss however many letters are left out.
  const lower = key.toLowerCase();
  const lengthened = knownKeys.filter((known) => lower.length >= 4 && known.toLowerCase().startsWith(lower));
  if (lengthened.length === 1) return lengthened[0];
  let best: { key: string; distance: number } | undefined;
  for (const known of knownKeys) {
    const distance = editDistance(lower, known.toLowerCase());
    if (!best || distance < best.distance) best = { key: known, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(2, Math.floor(best.key.length / 3)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

// Checks a settings mapping one key at a time against a zod object schema, so
// one bad key costs only that key: every valid key is kept, a mapping inside
// (the `reports` section, its `rubberStamp`) is checked key by key again, a
// list keeps its valid items, and each unknown or invalid key is named.

import { z } from "zod";

import { type ConfigPath, describeConfigProblem } from "./describe-config-problem.js";

export interface ConfigProblem {
  path: ConfigPath;
  /** "unknown key (did you mean maxComments?)", "expected true or false, got \"no\"". */
  text: string;
  /** For an unknown key: the known key it most likely misspells. */
  meant?: string;
}

export interface PerKeyResult {
  /** The input minus what was wrong; the schema fills the gaps with defaults. */
  kept: Record<string, unknown>;
  problems: ConfigProblem[];
}

export function validateSettingsPerKey(schema: z.ZodObject, input: Record<string, unknown>, path: ConfigPath = []): PerKeyResult {
  const kept: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  const knownKeys = Object.keys(schema.shape);
  for (const [key, value] of Object.entries(input)) {
    const at = [...path, key];
    const field = schema.shape[key] as z.ZodType | undefined;
    if (!field) {
      problems.push({ path: at, ...describeConfigProblem.unknownKey(at, knownKeys) });
      continue;
    }
    const checked = checkValue(field, value, at);
    if (checked.keep) kept[key] = checked.value;
    problems.push(...checked.problems);
  }
  return { kept, problems };
}

type Checked = { keep: boolean; value?: unknown; problems: ConfigProblem[] };

function checkValue(field: z.ZodType, value: unknown, path: ConfigPath): Checked {
  const parsed = field.safeParse(value);
  if (parsed.success) return { keep: true, value, problems: [] };
  const inner = withoutDefault(field);
  if (inner instanceof z.ZodObject && isMapping(value)) {
    const nested = validateSettingsPerKey(inner, value, path);
    return { keep: true, value: nested.kept, problems: nested.problems };
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) return checkItems(inner.element as z.ZodType, value, path);
  if (inner instanceof z.ZodRecord && isMapping(value)) return checkEntries(inner, value, path);
  return { keep: false, problems: [{ path, text: describeConfigProblem.invalidValue(path, parsed.error.issues[0], value) }] };
}

/** A list keeps its valid items; each invalid one is named by its index. */
function checkItems(element: z.ZodType, items: unknown[], path: ConfigPath): Checked {
  const kept: unknown[] = [];
  const problems: ConfigProblem[] = [];
  items.forEach((item, index) => {
    const parsed = element.safeParse(item);
    if (parsed.success) kept.push(item);
    else problems.push({ path: [...path, index], text: describeConfigProblem.invalidValue([...path, index], parsed.error.issues[0], item) });
  });
  return { keep: true, value: kept, problems };
}

/** A mapping of free keys (`rules.severity`) keeps its valid entries; each invalid one is named by its key. */
function checkEntries(record: z.ZodRecord, entries: Record<string, unknown>, path: ConfigPath): Checked {
  const kept: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [key, item] of Object.entries(entries)) {
    const parsed = record.safeParse({ [key]: item });
    if (parsed.success) kept[key] = item;
    else problems.push({ path: [...path, key], text: describeConfigProblem.invalidValue([...path, key], parsed.error.issues[0], item) });
  }
  return { keep: true, value: kept, problems };
}

/** The schema under `.default()`, `.prefault()` and `.optional()`. */
function withoutDefault(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

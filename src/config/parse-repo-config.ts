// Reads `.github/foureyes.yml` text into a RepoConfig. Never throws: a broken
// file means defaults plus an error that names each bad key in plain words,
// so the review still runs and the check run / CLI can say what to fix.

import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { z } from "zod";
import { DEFAULT_REPO_CONFIG, repoConfigSchema, type RepoConfig } from "./repo-config.js";

export interface ParsedRepoConfig {
  config: RepoConfig;
  /** Set when the text was unusable; `config` then holds the defaults. */
  error?: string;
}

type JsonSchemaNode = {
  type?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
};

const ROOT_SCHEMA = z.toJSONSchema(repoConfigSchema, { io: "input" }) as JsonSchemaNode;
const KNOWN_KEYS = Object.keys(ROOT_SCHEMA.properties ?? {});

export function parseRepoConfig(text: string): ParsedRepoConfig {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true, logLevel: "error" });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const at = syntaxError.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : "";
    // The library appends its own " at line …" to the message; say it once.
    const message = firstLine(syntaxError.message).replace(/ at line \d+, column \d+:?$/, "");
    return withDefaults(`YAML syntax error${where}: ${message}`);
  }

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return withDefaults(`the file could not be read as YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
  // An empty file (or one with only comments) means "all defaults".
  if (value === null || value === undefined) return { config: DEFAULT_REPO_CONFIG };
  if (typeof value !== "object" || Array.isArray(value)) {
    return withDefaults(`expected a mapping of settings (key: value lines) at the top level, got ${describeValue(value)}`);
  }

  const parsed = repoConfigSchema.safeParse(value);
  if (parsed.success) return { config: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue, value as Record<string, unknown>));
  return withDefaults(unique(problems).join("; "));
}

/** Reads and parses a config file from disk; a missing or unreadable file is an error, not an exception. */
export async function loadRepoConfigFile(path: string): Promise<ParsedRepoConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    return withDefaults(`cannot read config file ${path}: ${why}`);
  }
  const parsed = parseRepoConfig(text);
  return parsed.error ? { config: parsed.config, error: `${path}: ${parsed.error}` } : parsed;
}

function withDefaults(error: string): ParsedRepoConfig {
  return { config: DEFAULT_REPO_CONFIG, error };
}

function describeIssue(issue: z.core.$ZodIssue, input: Record<string, unknown>): string[] {
  const parent = schemaAt(issue.path);
  if (issue.code === "unrecognized_keys") {
    const known = Object.keys(parent?.properties ?? {});
    return issue.keys.map((key) => {
      const suggestion = closestKey(key, known);
      const hint = suggestion ? `; did you mean "${suggestion}"?` : `; known keys are ${known.join(", ")}`;
      return `${formatPath([...issue.path, key])}: unknown key${hint}`;
    });
  }
  if (!parent || issue.path.length === 0) return [issue.message];
  return [`${formatPath(issue.path)}: expected ${describeExpected(parent)}, got ${describeValue(valueAt(input, issue.path))}`];
}

/** The JSON Schema node for a value's path (object keys and list indexes), when the schema has one. */
function schemaAt(path: readonly PropertyKey[]): JsonSchemaNode | undefined {
  let node: JsonSchemaNode | undefined = ROOT_SCHEMA;
  for (const part of path) {
    if (!node) return undefined;
    node = typeof part === "number" ? node.items : node.properties?.[String(part)];
  }
  return node;
}

/** `reports.rubberStamp.minChangedLines`, `exclude[2]`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index > 0 ? "." : ""}${String(part)}`)).join("");
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
    default:
      return "a valid value";
  }
}

function pluralItem(description: string): string {
  if (description === "non-empty text") return "non-empty strings";
  if (description === "text") return "strings";
  return `items that are each ${description}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return `a list (${value.length} item${value.length === 1 ? "" : "s"})`;
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return value.length > 60 ? `text of ${value.length} characters` : JSON.stringify(value);
  return String(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** The known key nearest to a misspelt one, when it is near enough to be a likely typo. */
function closestKey(key: string, knownKeys: readonly string[] = KNOWN_KEYS): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const known of knownKeys) {
    const distance = known.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key.toLowerCase(), known.toLowerCase());
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

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

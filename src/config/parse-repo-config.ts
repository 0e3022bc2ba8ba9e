// Reads `.github/foureyes.yml` text into a RepoConfig. Never throws. One bad
// key costs only that key: every valid key is kept, each invalid or unknown
// one falls back (to its default, or to the safe side for the keys that keep
// foureyes or people's names out) and is named in plain words. A file that
// cannot be read as settings at all halts foureyes on the repository until it
// is fixed: its opt-outs might be in it.

import { readFile } from "node:fs/promises";

import { parseDocument } from "yaml";

import { describeValue } from "./describe-config-problem.js";
import { holdOptOuts, switchedOff } from "./hold-opt-outs.js";
import { DEFAULT_REPO_CONFIG, type RepoConfig, repoConfigSchema } from "./repo-config.js";
import { validateSettingsPerKey } from "./validate-settings-per-key.js";

export interface ParsedRepoConfig {
  config: RepoConfig;
  /** Every problem, "; "-separated, each named by its key; unset when the file is fine. */
  error?: string;
  /**
   * Set when foureyes must do nothing on the repository until the file is
   * fixed: it cannot be read as settings, or its `enabled` cannot be read.
   * `config` then has reviews and reports off.
   */
  halted?: true;
}

export function parseRepoConfig(text: string): ParsedRepoConfig {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true, logLevel: "error" });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const at = syntaxError.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : "";
    // The library appends its own " at line …" to the message; say it once.
    const message = firstLine(syntaxError.message).replace(/ at line \d+, column \d+:?$/, "");
    return haltedRepoConfig(`YAML syntax error${where}: ${message}`);
  }

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return haltedRepoConfig(`the file could not be read as YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
  // An empty file (or one with only comments) means "all defaults".
  if (value === null || value === undefined) return { config: DEFAULT_REPO_CONFIG };
  if (typeof value !== "object" || Array.isArray(value)) {
    return haltedRepoConfig(`expected a mapping of settings (key: value lines) at the top level, got ${describeValue(value)}`);
  }

  const { kept, problems } = validateSettingsPerKey(repoConfigSchema, value as Record<string, unknown>);
  const filled = repoConfigSchema.safeParse(kept);
  // Cannot fail while every key stands alone (each kept value passed its own schema); if a rule across keys is ever added, halt rather than guess.
  if (!filled.success) return haltedRepoConfig(`the settings do not fit together: ${firstLine(filled.error.message)}`);
  if (problems.length === 0) return { config: filled.data };
  const held = holdOptOuts(filled.data, problems);
  const error = unique(held.problems).join("; ");
  return held.halted ? { config: held.config, error, halted: true } : { config: held.config, error };
}

/** Reads and parses a config file from disk; a missing or unreadable file halts, as on GitHub. */
export async function loadRepoConfigFile(path: string): Promise<ParsedRepoConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    return haltedRepoConfig(`cannot read config file ${path}: ${why}`);
  }
  const parsed = parseRepoConfig(text);
  return parsed.error ? { ...parsed, error: `${path}: ${parsed.error}` } : parsed;
}

/** The answer for a file that cannot be read as settings: nothing runs until it is fixed. */
export function haltedRepoConfig(error: string): ParsedRepoConfig {
  return { config: switchedOff(DEFAULT_REPO_CONFIG), error, halted: true };
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

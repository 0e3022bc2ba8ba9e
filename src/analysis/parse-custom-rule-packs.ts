// A repository's own rule packs (`.github/foureyes/rules/*.yml`, the shipped
// packs' format) read into packs that run beside the shipped ones. Nothing
// here throws: a file that is not YAML or not a pack, a rule that is invalid,
// a query that does not compile for one of its languages, an id that is
// already taken, each is left out and named with its file (and for a query,
// the place of the error), so the review and the other rules still run.

import Parser from "tree-sitter";
import { isScalar, LineCounter, parseDocument, type Scalar } from "yaml";
import { z } from "zod";

import { formatZodIssues } from "../core/format-zod-issues.js";
import { type LanguageName, parserFor } from "./languages.js";
import { locateQueryError } from "./locate-query-error.js";
import { type Rule, type RulePack, rulePackSchema, ruleSchema } from "./rule-pack.js";

export interface RuleFileText {
  /** Repository-relative, e.g. `.github/foureyes/rules/ledger.yml`. */
  path: string;
  text: string;
}

/** The files a source read, and the files it left out (each named with why). */
export interface CustomRuleFiles {
  files: RuleFileText[];
  problems: string[];
}

export interface CustomRulePacks {
  packs: RulePack[];
  /** One line per file or rule left out: `<file>: rule <id>: <why>`. */
  problems: string[];
}

const packHeaderSchema = rulePackSchema.extend({ rules: z.array(z.unknown()).min(1) });

/** Files in order (the first of two rules with one id wins); shipped ids always win over custom ones. */
export function parseCustomRulePacks(files: RuleFileText[], shipped: RulePack[]): CustomRulePacks {
  const shippedIds = new Set(shipped.flatMap((pack) => pack.rules.map((rule) => rule.id)));
  const ownerOfId = new Map<string, string>();
  const packs: RulePack[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const read = readPackFile(file);
    if ("problem" in read) {
      problems.push(`${file.path}: ${read.problem}`);
      continue;
    }
    const rules: Rule[] = [];
    for (const [index, raw] of read.header.rules.entries()) {
      const problem = ruleProblem(raw, index, read, shippedIds, ownerOfId);
      if (typeof problem === "string") problems.push(`${file.path}: rule ${ruleName(raw, index)}: ${problem}`);
      else {
        ownerOfId.set(problem.id, file.path);
        rules.push(problem);
      }
    }
    if (rules.length > 0) packs.push({ pack: read.header.pack, languages: read.header.languages, rules });
  }
  return { packs, problems };
}

interface PackFile {
  header: z.infer<typeof packHeaderSchema>;
  text: string;
  /** Where each rule's query starts in the file, for error positions. */
  queryAt: (index: number) => { line: number; block: boolean } | undefined;
}

function readPackFile(file: RuleFileText): PackFile | { problem: string } {
  const lineCounter = new LineCounter();
  const document = parseDocument(file.text, { lineCounter, prettyErrors: true, uniqueKeys: true, logLevel: "error" });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const at = syntaxError.linePos?.[0];
    const message = (syntaxError.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    return { problem: `YAML syntax error${at ? ` at line ${at.line}, column ${at.col}` : ""}: ${message}` };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { problem: `not readable as YAML: ${(error as Error).message.split("\n")[0] ?? ""}` };
  }
  const header = packHeaderSchema.safeParse(value);
  if (!header.success) return { problem: `not a rule pack: ${formatZodIssues(header.error)}` };
  const queryAt = (index: number) => {
    const node = document.getIn(["rules", index, "query"], true);
    if (!isScalar(node) || !node.range) return undefined;
    const block = (node as Scalar).type === "BLOCK_LITERAL";
    return { line: lineCounter.linePos(node.range[0]).line, block };
  };
  return { header: header.data, text: file.text, queryAt };
}

/** The valid rule, or why it is left out. */
function ruleProblem(raw: unknown, index: number, file: PackFile, shippedIds: ReadonlySet<string>, ownerOfId: ReadonlyMap<string, string>): Rule | string {
  const parsed = ruleSchema.safeParse(raw);
  if (!parsed.success) return formatZodIssues(parsed.error);
  const rule = parsed.data;
  if (shippedIds.has(rule.id)) {
    return "a shipped rule has this id; the shipped rule runs and this one does not (rename it, and disable the shipped one under rules.disable if it should not run)";
  }
  const owner = ownerOfId.get(rule.id);
  if (owner !== undefined) return `${owner} already has a rule with this id; that one runs`;
  for (const language of rule.languages ?? file.header.languages) {
    const compileError = queryError(rule, language, file, index);
    if (compileError) return compileError;
  }
  return rule;
}

function queryError(rule: Rule, language: LanguageName, file: PackFile, index: number): string | undefined {
  const grammar = parserFor(language).getLanguage();
  try {
    new Parser.Query(grammar, rule.query);
  } catch (error) {
    return `the query does not compile for ${language}: ${placeOf(rule.query, (error as Error).message, file, index)}`;
  }
  if (!rule.declaredInFile) return undefined;
  try {
    new Parser.Query(grammar, rule.declaredInFile.query);
  } catch (error) {
    return `the declaredInFile query does not compile for ${language}: ${locateQueryError(rule.declaredInFile.query, (error as Error).message).what}`;
  }
  return undefined;
}

/** "unknown node type `x` at line 14, column 19 (query line 2, column 13)": the file's place when the query is a `|` block. */
function placeOf(query: string, message: string, file: PackFile, index: number): string {
  const place = locateQueryError(query, message);
  if (place.line === undefined || place.column === undefined) return place.what;
  const inQuery = `query line ${place.line}, column ${place.column}`;
  const start = file.queryAt(index);
  if (!start?.block) return `${place.what} at ${inQuery}`;
  const fileLine = start.line + place.line;
  // The block's indentation: its first line's in the file, less what the query's first line keeps.
  const leading = (line: string | undefined) => /^ */.exec(line ?? "")?.[0].length ?? 0;
  const indent = leading(file.text.split("\n")[start.line]) - leading(query.split("\n")[0]);
  return `${place.what} at line ${fileLine}, column ${indent + place.column} (${inQuery})`;
}

function ruleName(raw: unknown, index: number): string {
  const id = isRecord(raw) ? raw.id : undefined;
  return typeof id === "string" && id.length > 0 && id.length <= 100 ? id : `#${index + 1}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

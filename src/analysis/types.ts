// What the syntax analysis reports about a changed file: the declarations the
// change touches, and why context is missing when it is.

import type { FileDiff } from "../core/diff.js";
import type { LanguageName } from "./languages/language-names.js";

/**
 * What a declaration is, across languages. `unparsed` is the fallback where the
 * grammar failed: the nearest enclosing part of the file that did not parse.
 */
export type DeclarationKind =
  | "function"
  | "method"
  | "constructor"
  | "class"
  | "interface"
  | "enum"
  | "record"
  | "struct"
  | "object"
  | "annotation"
  | "property"
  | "type"
  | "const"
  | "arrow"
  | "function-expression"
  | "lambda"
  | "unparsed";

/** A named declaration that encloses changed lines (head version of the file). */
export interface TouchedDeclaration {
  name: string;
  kind: DeclarationKind;
  startLine: number;
  endLine: number;
  /** The declaration's full text (may be trimmed to the budget, then `truncated`). */
  text: string;
  truncated: boolean;
  /** Part of the public surface in the language's own sense (`public`, capitalised, no leading underscore, `export`). */
  exported?: boolean;
}

/** What the analysis step knows about one reviewable file. */
export interface FileAnalysis {
  path: string;
  language: LanguageName | null;
  diff: FileDiff;
  declarations: TouchedDeclaration[];
  /** The path holds tests by its language's convention. */
  isTest?: boolean;
  /** True when tree-sitter recovered from syntax errors in the head version. */
  hasSyntaxErrors: boolean;
  /** Why syntax context is missing, when it is (unsupported language, head unavailable, parse failure). */
  contextNote?: string;
}

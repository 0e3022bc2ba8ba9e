// What the syntax analysis reports about a changed file: the declarations the
// change touches, and why context is missing when it is.

import type { FileDiff } from "../core/diff.js";
import type { LanguageName } from "./languages.js";

/** A named declaration that encloses changed lines (head version of the file). */
export interface TouchedDeclaration {
  name: string;
  kind: "function" | "method" | "class" | "arrow" | "function-expression" | "const" | "interface" | "type" | "enum";
  startLine: number;
  endLine: number;
  /** The declaration's full text (may be trimmed to the budget, then `truncated`). */
  text: string;
  truncated: boolean;
}

/** What the analysis step knows about one reviewable file. */
export interface FileAnalysis {
  path: string;
  language: LanguageName | null;
  diff: FileDiff;
  declarations: TouchedDeclaration[];
  /** True when tree-sitter recovered from syntax errors in the head version. */
  hasSyntaxErrors: boolean;
  /** Why syntax context is missing, when it is (unsupported language, head unavailable, parse failure). */
  contextNote?: string;
}

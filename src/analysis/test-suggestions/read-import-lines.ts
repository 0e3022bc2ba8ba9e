// A module's package and import lines, read from its syntax tree: what a test
// of one of its symbols needs to know about where things come from.

import { parseText } from "../languages.js";
import type { LanguageName } from "../languages/language-names.js";

/** Top-level node types that declare a package or import something, across the grammars. */
const IMPORT_TYPES = new Set([
  "import_statement",
  "import_from_statement",
  "future_import_statement",
  "import_declaration",
  "import",
  "import_header",
  "import_list",
  "using_directive",
  "package_declaration",
  "package_header",
  "package_clause",
]);

/** The text of each top-level package and import statement, in file order. */
export function readImportLines(language: LanguageName, text: string): string {
  const root = parseText(language, text).rootNode;
  return root.namedChildren
    .filter((node) => IMPORT_TYPES.has(node.type))
    .map((node) => node.text)
    .join("\n");
}

// What test-gap detection needs to know about one file, read with
// tree-sitter: whether the code names a symbol (as an identifier, type or
// property: not a word in a string or comment), what it imports, and the
// packages or namespaces it declares. Names are looked up on demand: find the
// word in the text, then ask the tree what node sits there, which costs a few
// calls instead of materialising every identifier of a large test file.

import type Parser from "tree-sitter";

import type { LanguageName } from "../languages/language-names.js";
import { type ModuleImport, readImports } from "./read-imports.js";

type SyntaxNode = Parser.SyntaxNode;

export interface CodeFacts {
  /** Whether the code names `name` as an identifier-like token. */
  mentions(name: string): boolean;
  imports: ModuleImport[];
  /** Java/Kotlin package, C# namespaces, Go package clause. */
  packages: string[];
}

const PACKAGE_NODES = ["package_declaration", "package_header", "namespace_declaration", "file_scoped_namespace_declaration", "package_clause"];
const WORD_CHAR = /[\p{L}\p{N}_$]/u;

/** The facts of a whole parsed file; `text` is the text it was parsed from. */
export function readCodeFacts(language: LanguageName, root: SyntaxNode, text: string): CodeFacts {
  const known = new Map<string, boolean>();
  return {
    mentions(name) {
      let found = known.get(name);
      if (found === undefined) known.set(name, (found = mentionsName(root, text, name)));
      return found;
    },
    imports: readImports(language, root, text),
    packages: packagesIn(root),
  };
}

function mentionsName(root: SyntaxNode, text: string, name: string): boolean {
  if (name === "") return false;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const end = at + name.length;
    if (WORD_CHAR.test(text[at - 1] ?? "") || WORD_CHAR.test(text[end] ?? "")) continue;
    const node = root.descendantForIndex(at, end);
    if (node.type.endsWith("identifier") && node.text === name) return true;
  }
  return false;
}

function packagesIn(root: SyntaxNode): string[] {
  return root.descendantsOfType(PACKAGE_NODES).flatMap((node) => {
    const name = node.childForFieldName("name") ?? node.namedChildren.find((child) => /identifier|qualified_name/.test(child.type));
    return name ? [name.text.replace(/\s+/g, "")] : [];
  });
}

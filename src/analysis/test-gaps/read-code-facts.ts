// What test-gap detection needs to know about one file, read once with
// tree-sitter: every name the code mentions (identifiers, types, properties;
// not words in strings or comments), what it imports, and the packages or
// namespaces it declares.

import type Parser from "tree-sitter";

import type { LanguageName } from "../languages/language-names.js";
import { type ModuleImport, readImports } from "./read-imports.js";

type SyntaxNode = Parser.SyntaxNode;

export interface CodeFacts {
  /** Every identifier-like token of the code. */
  names: ReadonlySet<string>;
  imports: ModuleImport[];
  /** Java/Kotlin package, C# namespaces, Go package clause. */
  packages: string[];
}

const PACKAGE_NODES = ["package_declaration", "package_header", "namespace_declaration", "file_scoped_namespace_declaration", "package_clause"];

/** The facts of a whole parsed file. */
export function readCodeFacts(language: LanguageName, root: SyntaxNode): CodeFacts {
  return { names: namesIn(root), imports: readImports(language, root), packages: packagesIn(root) };
}

function namesIn(root: SyntaxNode): Set<string> {
  const names = new Set<string>();
  const cursor = root.walk();
  // A depth-first walk over leaves: identifier, type_identifier, property_identifier, field_identifier, …
  for (;;) {
    if (cursor.nodeType.endsWith("identifier") && cursor.currentNode.childCount === 0) names.add(cursor.nodeText);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return names;
  }
}

function packagesIn(root: SyntaxNode): string[] {
  return root.descendantsOfType(PACKAGE_NODES).flatMap((node) => {
    const name = node.childForFieldName("name") ?? node.namedChildren.find((child) => /identifier|qualified_name/.test(child.type));
    return name ? [name.text.replace(/\s+/g, "")] : [];
  });
}

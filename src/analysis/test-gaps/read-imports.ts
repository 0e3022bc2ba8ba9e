// What a file imports, read from its syntax tree per language: the module it
// names (a path, a dotted module, a package) and the names it takes from it.

import type Parser from "tree-sitter";

import type { LanguageName } from "../languages/language-names.js";

type SyntaxNode = Parser.SyntaxNode;

/** One import: `module` as written (a JS specifier, a Python module with its leading dots, a Java/Kotlin/C# qualified name, a Go path). */
export interface ModuleImport {
  module: string;
  /** Names taken from it: `default` for a JS default import, a Python `from … import` name. */
  names: string[];
  /** Takes everything: `import * as m`, `require(…)`, `from m import *`, `import a.b.*`, a whole Python module. */
  wholeModule: boolean;
}

const unquote = (node: SyntaxNode | null | undefined): string | null => {
  const text = node?.text;
  return text && /^["'`]/.test(text) ? text.slice(1, -1) : null;
};

function readJsImports(root: SyntaxNode, text: string): ModuleImport[] {
  const imports: ModuleImport[] = [];
  for (const node of root.descendantsOfType(["import_statement", "export_statement"])) {
    const module = unquote(node.childForFieldName("source"));
    if (module === null) continue;
    const clause = node.namedChildren.find((child) => child.type === "import_clause" || child.type === "export_clause");
    const names = clause?.descendantsOfType(["import_specifier", "export_specifier"]).map((spec) => spec.childForFieldName("name")?.text ?? "") ?? [];
    if (clause?.namedChildren.some((child) => child.type === "identifier")) names.push("default");
    const wholeModule = !clause || clause.namedChildren.some((child) => child.type === "namespace_import") || node.text.includes("*");
    imports.push({ module, names: names.filter(Boolean), wholeModule });
  }
  // `require("…")` and `import("…")`, found by their word and confirmed by the tree (walking every call of a large test file is slow).
  for (const match of text.matchAll(/\b(?:require|import)\s*\(/g)) {
    let call: SyntaxNode | null = root.descendantForIndex(match.index);
    while (call && call.type !== "call_expression" && call.startIndex === match.index) call = call.parent;
    if (call?.type !== "call_expression" || call.startIndex !== match.index) continue;
    const module = unquote(call.childForFieldName("arguments")?.namedChildren[0]);
    if (module !== null) imports.push({ module, names: [], wholeModule: true });
  }
  return imports;
}

/** `from ..pkg import mod` reads as module `..pkg` with the name `mod`. */
function readPythonImports(root: SyntaxNode): ModuleImport[] {
  const imports: ModuleImport[] = [];
  const dotted = (node: SyntaxNode): string => (node.type === "aliased_import" ? (node.childForFieldName("name")?.text ?? "") : node.text);
  for (const node of root.descendantsOfType(["import_statement", "import_from_statement"])) {
    if (node.type === "import_statement") {
      for (const name of node.childrenForFieldName("name")) imports.push({ module: dotted(name), names: [], wholeModule: true });
      continue;
    }
    const module = node.childForFieldName("module_name")?.text.replace(/\s+/g, "") ?? "";
    const names = node.childrenForFieldName("name").map(dotted);
    imports.push({ module, names, wholeModule: node.namedChildren.some((child) => child.type === "wildcard_import") });
  }
  return imports;
}

function readGoImports(root: SyntaxNode): ModuleImport[] {
  return root.descendantsOfType("import_spec").flatMap((spec) => {
    const module = unquote(spec.childForFieldName("path"));
    return module === null ? [] : [{ module, names: [], wholeModule: true }];
  });
}

/** Java `import a.b.C;`, `import static a.b.C.m;`, `import a.b.*;`; Kotlin the same without semicolons, with `as` aliases. */
function readJvmImports(root: SyntaxNode): ModuleImport[] {
  return root.descendantsOfType(["import_declaration", "import"]).flatMap((node) => {
    const name = node.namedChildren.find((child) => /identifier$/.test(child.type));
    if (!name) return [];
    const wholeModule = /\.\s*\*/.test(node.text);
    return [{ module: name.text.replace(/\s+/g, ""), names: [], wholeModule }];
  });
}

/** `using A.B;`, `using static A.B.C;`, `using X = A.B.C;` (the aliased name). */
function readCsharpUsings(root: SyntaxNode): ModuleImport[] {
  return root.descendantsOfType("using_directive").flatMap((node) => {
    const names = node.namedChildren.filter((child) => child.type === "qualified_name" || child.type === "identifier");
    const name = names[names.length - 1];
    return name ? [{ module: name.text.replace(/\s+/g, ""), names: [], wholeModule: true }] : [];
  });
}

const READERS: Readonly<Record<LanguageName, (root: SyntaxNode, text: string) => ModuleImport[]>> = {
  typescript: readJsImports,
  tsx: readJsImports,
  javascript: readJsImports,
  python: readPythonImports,
  go: readGoImports,
  java: readJvmImports,
  kotlin: readJvmImports,
  csharp: readCsharpUsings,
};

export function readImports(language: LanguageName, root: SyntaxNode, text: string): ModuleImport[] {
  return READERS[language](root, text);
}

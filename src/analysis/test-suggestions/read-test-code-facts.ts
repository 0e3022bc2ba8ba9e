// What a proposed test file says, read from its syntax tree (a word in a
// string or comment never counts): the modules it imports, the names it mentions, the functions it calls
// and declares, the annotations or attributes it carries and the types its
// classes extend. Test validation judges a suggestion on these facts.

import type Parser from "tree-sitter";

import type { LanguageName } from "../languages/language-names.js";
import { readImports } from "../test-gaps/read-imports.js";

type SyntaxNode = Parser.SyntaxNode;

export interface TestCodeFacts {
  /** Imported modules as written: "vitest", "org.junit.jupiter.api.Test", "testing", "Xunit". */
  modules: string[];
  /** Every identifier the code mentions. */
  identifiers: Set<string>;
  /** The base name of every called function: `it.each(…)(…)` counts as `it`. */
  calls: Set<string>;
  /** Annotations (Java, Kotlin) and attributes (C#), by their last name segment. */
  annotations: Set<string>;
  /** Names of declared functions and methods. */
  functions: string[];
  /** The last name segment of every type a class extends or implements. */
  supertypes: Set<string>;
}

/** `text` is the code `root` was parsed from. */
export function readTestCodeFacts(language: LanguageName, root: SyntaxNode, text: string): TestCodeFacts {
  // The same import reading test-gap detection links tests to modules with.
  const modules = readImports(language, root, text).map((imported) => imported.module);
  const facts: TestCodeFacts = { modules, identifiers: new Set(), calls: new Set(), annotations: new Set(), functions: [], supertypes: new Set() };
  const cursor = root.walk();
  let more = true;
  while (more) {
    readNode(cursor.currentNode, facts);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        more = false;
        break;
      }
    }
  }
  return facts;
}

function readNode(node: SyntaxNode, facts: TestCodeFacts): void {
  if (node.childCount === 0 && node.type.endsWith("identifier")) facts.identifiers.add(node.text);
  const called = node.type === "call_expression" || node.type === "call" || node.type === "invocation_expression" ? calledName(node) : null;
  if (called) facts.calls.add(called);
  if (["marker_annotation", "annotation", "attribute"].includes(node.type)) facts.annotations.add(lastSegment(annotationName(node)));
  if (["function_definition", "function_declaration", "method_declaration"].includes(node.type)) {
    const name = node.childForFieldName("name");
    if (name) facts.functions.push(name.text);
  }
  for (const supertype of supertypesOf(node)) facts.supertypes.add(lastSegment(supertype));
}

/** The identifier a call starts from: `expect(x).toBe(y)` → expect, `it.each([])(…)` → it, `test("x") { }` → test. */
function calledName(node: SyntaxNode): string | null {
  let callee: SyntaxNode | null = node.childForFieldName("function") ?? node.namedChild(0);
  while (callee) {
    if (callee.type === "identifier" || callee.type === "simple_identifier") return callee.text;
    if (callee.type === "member_expression" || callee.type === "attribute") callee = callee.childForFieldName("object");
    else if (callee.type === "call_expression" || callee.type === "call") callee = callee.childForFieldName("function") ?? callee.namedChild(0);
    else return null;
  }
  return null;
}

function annotationName(node: SyntaxNode): string {
  const name = node.childForFieldName("name") ?? node.namedChildren.find((child) => child.type === "user_type" || child.type === "constructor_invocation");
  return name?.text ?? "";
}

/** Python's superclasses, Kotlin's delegation specifiers, Java's superclass and interfaces, C#'s base list. */
function supertypesOf(node: SyntaxNode): string[] {
  switch (node.type) {
    case "class_definition":
      return node.childForFieldName("superclasses")?.namedChildren.map((child) => child.text) ?? [];
    case "delegation_specifier":
      return node.descendantsOfType("user_type").slice(0, 1).map((type) => type.text);
    case "superclass":
    case "super_interfaces":
    case "base_list":
      return node.namedChildren.flatMap((child) => (child.type === "type_list" ? child.namedChildren : [child])).map((child) => child.text);
    default:
      return [];
  }
}

function lastSegment(name: string): string {
  const parts = name.replace(/<.*$/s, "").split(".");
  return (parts.at(-1) ?? "").trim();
}

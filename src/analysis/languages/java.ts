// Java: types (classes, interfaces, enums, records, annotation types), their
// methods and constructors, and lambdas bound to a variable or field.
// Exported means `public` (members of interfaces are public without saying so).
// Tests follow JUnit's layout: src/test/…, *Test.java, *Tests.java, *IT.java.

import type Parser from "tree-sitter";
import Java from "tree-sitter-java";

import type { DeclarationKind } from "../types.js";
import type { DeclarationReader, LanguageFamily } from "./language-family.js";
import { namedDeclaration } from "./named-declaration.js";

type SyntaxNode = Parser.SyntaxNode;

const IMPLICITLY_PUBLIC_BODIES = new Set(["interface_body", "annotation_type_body"]);

function isPublic(node: SyntaxNode): boolean {
  const modifiers = node.namedChildren.find((child) => child.type === "modifiers");
  if (modifiers?.children.some((child) => child.type === "public")) return true;
  return IMPLICITLY_PUBLIC_BODIES.has(node.parent?.type ?? "");
}

const named = (kind: DeclarationKind): DeclarationReader => namedDeclaration(kind, isPublic);

/** `Runnable task = () -> …;` as a local or a field: the statement is the declaration when it declares only this. */
const boundLambda: DeclarationReader = (declarator) => {
  if (declarator.childForFieldName("value")?.type !== "lambda_expression") return null;
  const nameNode = declarator.childForFieldName("name");
  const statement = declarator.parent;
  if (!nameNode || !statement) return null;
  const span = statement.namedChildren.filter((child) => child.type === "variable_declarator").length === 1 ? statement : declarator;
  return { name: nameNode.text, kind: "lambda", span, nameNode, exported: isPublic(statement) };
};

export const JAVA: LanguageFamily = {
  grammars: { java: Java },
  extensions: { ".java": "java" },
  declarations: {
    class_declaration: named("class"),
    interface_declaration: named("interface"),
    enum_declaration: named("enum"),
    record_declaration: named("record"),
    annotation_type_declaration: named("annotation"),
    method_declaration: named("method"),
    constructor_declaration: named("constructor"),
    compact_constructor_declaration: named("constructor"),
    variable_declarator: boundLambda,
  },
  isTestPath: (path) => /(?:^|\/)src\/(?:test|it|integrationTest)\//.test(path) || /(?:Tests?|IT|TestCase)\.java$/.test(path),
};

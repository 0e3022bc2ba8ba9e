// C#: types (classes, structs, records, interfaces, enums, delegates), their
// methods, constructors, properties, indexers, operators and events, local
// functions, and lambdas bound to a local or field. Partial classes and
// extension methods are ordinary classes and methods here.
// Exported means `public` (interface members are public without saying so).
// Tests follow xUnit/NUnit/MSTest: a *.Tests project, *Tests.cs, *Test.cs.

import type Parser from "tree-sitter";
import CSharp from "tree-sitter-c-sharp";

import type { DeclarationKind } from "../types.js";
import type { DeclarationReader, LanguageFamily } from "./language-family.js";
import { namedDeclaration } from "./named-declaration.js";

type SyntaxNode = Parser.SyntaxNode;

const FUNCTION_VALUES = new Set(["lambda_expression", "anonymous_method_expression"]);

function isPublic(node: SyntaxNode): boolean {
  if (node.namedChildren.some((child) => child.type === "modifier" && child.text === "public")) return true;
  return node.parent?.parent?.type === "interface_declaration";
}

const named = (kind: DeclarationKind): DeclarationReader => namedDeclaration(kind, isPublic);

/** The first token names what has no name field (`this[…]`, `operator +`). */
const firstKeyword = (type: string) => (node: SyntaxNode) => node.children.find((child) => child.type === type) ?? node;

/** `Func<int, int> f = x => …;` as a local or a field. */
const boundLambda: DeclarationReader = (declarator) => {
  const value = declarator.namedChildren.find((child) => FUNCTION_VALUES.has(child.type));
  const nameNode = declarator.childForFieldName("name");
  const declaration = declarator.parent;
  if (!value || !nameNode || declaration?.type !== "variable_declaration") return null;
  const statement = declaration.parent ?? declaration;
  const single = declaration.namedChildren.filter((child) => child.type === "variable_declarator").length === 1;
  return { name: nameNode.text, kind: "lambda", span: single ? statement : declarator, nameNode, exported: isPublic(statement) };
};

export const CSHARP: LanguageFamily = {
  grammars: { csharp: CSharp },
  extensions: { ".cs": "csharp" },
  declarations: {
    class_declaration: named("class"),
    struct_declaration: named("struct"),
    record_declaration: named("record"),
    record_struct_declaration: named("record"),
    interface_declaration: named("interface"),
    enum_declaration: named("enum"),
    delegate_declaration: named("type"),
    method_declaration: named("method"),
    constructor_declaration: named("constructor"),
    destructor_declaration: named("method"),
    operator_declaration: namedDeclaration("method", isPublic, { name: firstKeyword("operator") }),
    conversion_operator_declaration: namedDeclaration("method", isPublic, { name: firstKeyword("operator") }),
    property_declaration: named("property"),
    indexer_declaration: namedDeclaration("property", isPublic, { name: firstKeyword("this") }),
    event_declaration: named("property"),
    local_function_statement: named("function"),
    variable_declarator: boundLambda,
  },
  isTestPath: (path) => /(?:^|\/)[^/]*\.(?:Unit|Integration|Functional)?Tests?\//.test(path) || /(?:Tests?|Specs?)\.cs$/.test(path) || /(?:^|\/)tests?\//i.test(path),
};

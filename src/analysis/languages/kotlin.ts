// Kotlin: classes (with interfaces and enum classes), objects and companions,
// functions (extension functions too), secondary constructors and init blocks,
// properties of classes and files, and lambdas bound to a local name.
// Exported means public, Kotlin's default: no private, internal or protected.
// Tests follow JUnit and Kotest: src/test/… (src/jvmTest/… and kin), *Test.kt, *Spec.kt.

import Kotlin from "@tree-sitter-grammars/tree-sitter-kotlin";
import type Parser from "tree-sitter";

import type { DeclarationKind } from "../types.js";
import type { DeclarationReader, LanguageFamily } from "./language-family.js";
import { namedDeclaration } from "./named-declaration.js";

type SyntaxNode = Parser.SyntaxNode;

const HIDDEN = new Set(["private", "internal", "protected"]);
const MEMBER_CONTAINERS = new Set(["class_body", "enum_class_body", "source_file"]);
const FUNCTION_VALUES = new Set(["lambda_literal", "anonymous_function"]);

function modifiersOf(node: SyntaxNode): SyntaxNode | undefined {
  return node.namedChildren.find((child) => child.type === "modifiers");
}

function isPublic(node: SyntaxNode): boolean {
  const visibility = modifiersOf(node)?.namedChildren.find((child) => child.type === "visibility_modifier");
  return !visibility || !HIDDEN.has(visibility.text);
}

function classKind(node: SyntaxNode): DeclarationKind {
  if (node.children.some((child) => child.type === "interface")) return "interface";
  return modifiersOf(node)?.namedChildren.some((child) => child.type === "class_modifier" && child.text === "enum") ? "enum" : "class";
}

function functionKind(node: SyntaxNode): DeclarationKind {
  return node.parent?.type === "class_body" || node.parent?.type === "enum_class_body" ? "method" : "function";
}

/** The keyword itself names what has no name of its own (`constructor`, `init`, `companion object`). */
const keyword = (type: string) => (node: SyntaxNode) => node.children.find((child) => child.type === type) ?? node;

/** Properties of a class or file, and any `val f = { … }`; other locals are not declarations. */
const property: DeclarationReader = (node) => {
  // Most properties are locals: tell them apart before reading a name.
  const children = node.namedChildren;
  const isFunction = children.some((child) => FUNCTION_VALUES.has(child.type));
  if (!isFunction && !MEMBER_CONTAINERS.has(node.parent?.type ?? "")) return null;
  const nameNode = children.find((child) => child.type === "variable_declaration")?.namedChildren[0];
  if (!nameNode) return null;
  return { name: nameNode.text, kind: isFunction ? "lambda" : "property", span: node, nameNode, exported: isPublic(node) };
};

export const KOTLIN: LanguageFamily = {
  grammars: { kotlin: Kotlin },
  extensions: { ".kt": "kotlin", ".kts": "kotlin" },
  declarations: {
    class_declaration: namedDeclaration("class", isPublic, { kind: classKind }),
    object_declaration: namedDeclaration("object", isPublic),
    companion_object: namedDeclaration("object", isPublic, {
      name: (node) => node.childForFieldName("name") ?? keyword("companion")(node),
    }),
    function_declaration: namedDeclaration("function", isPublic, { kind: functionKind }),
    secondary_constructor: namedDeclaration("constructor", isPublic, { name: keyword("constructor") }),
    anonymous_initializer: namedDeclaration("constructor", () => false, { name: keyword("init") }),
    property_declaration: property,
    type_alias: namedDeclaration("type", isPublic, { name: (node) => node.childForFieldName("type") ?? node.namedChildren[0] ?? null }),
  },
  isTestPath: (path) => /(?:^|\/)src\/\w*[tT]est\//.test(path) || /(?:Tests?|Spec|IT)\.kts?$/.test(path),
};

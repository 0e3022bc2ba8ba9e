// TypeScript and JavaScript: functions, classes, methods, interfaces, type
// aliases, enums, arrow functions and function expressions bound to a name
// (variables, object keys, class fields, `module.exports.x = …`) and top-level
// consts. Anonymous callbacks are not declarations, so a change inside
// `app.get(…, () => …)` within a method belongs to the method.
// Exported means under `export` (or assigned to module.exports), not private.
// Tests: *.test.*, *.spec.*, __tests__/, test/, tests/, spec/.

import type Parser from "tree-sitter";
import JavaScript from "tree-sitter-javascript";
import TypeScript from "tree-sitter-typescript";

import type { DeclarationKind } from "../types.js";
import type { DeclarationReader, FoundDeclaration, LanguageFamily } from "./language-family.js";

type SyntaxNode = Parser.SyntaxNode;

const NAMED_KINDS: Readonly<Record<string, DeclarationKind>> = {
  function_declaration: "function",
  generator_function_declaration: "function",
  function_signature: "function",
  class_declaration: "class",
  abstract_class_declaration: "class",
  method_definition: "method",
  interface_declaration: "interface",
  type_alias_declaration: "type",
  enum_declaration: "enum",
};

const FUNCTION_VALUE_KINDS: Readonly<Record<string, DeclarationKind>> = {
  arrow_function: "arrow",
  function_expression: "function-expression",
  function: "function-expression",
  generator_function: "function-expression",
  class: "class",
};

/** Nodes that bind a name to a function value, and the field holding the value. */
const BINDERS: Readonly<Record<string, string>> = {
  variable_declarator: "value",
  pair: "value",
  public_field_definition: "value",
  field_definition: "value",
  assignment_expression: "right",
};

/** Longest left-hand side (`module.exports.handler`) still used as a name. */
const MAX_NAME_LENGTH = 80;

function isExported(node: SyntaxNode): boolean {
  if (node.children.some((child) => child.type === "accessibility_modifier" && child.text !== "public")) return false;
  if (node.childForFieldName("name")?.type === "private_property_identifier") return false;
  for (let at: SyntaxNode | null = node; at; at = at.parent) if (at.type === "export_statement") return true;
  return node.type === "assignment_expression" && /^(?:module\.)?exports\b/.test(node.childForFieldName("left")?.text ?? "");
}

/** Widen to `export …` and to the `const` statement when it declares only this. */
function outerStatement(node: SyntaxNode): SyntaxNode {
  let outer = node;
  const parent = outer.parent;
  if (outer.type === "variable_declarator" && parent && /^(?:lexical|variable)_declaration$/.test(parent.type) && parent.namedChildCount === 1) {
    outer = parent;
  }
  if (outer.parent?.type === "export_statement") outer = outer.parent;
  return outer;
}

function found(name: string, kind: DeclarationKind, span: SyntaxNode, nameNode: SyntaxNode | null, declaration: SyntaxNode): FoundDeclaration {
  return { name, kind, span, nameNode: nameNode ?? span, exported: isExported(declaration) };
}

const named: DeclarationReader = (node) => {
  const kind = NAMED_KINDS[node.type] ?? "function";
  const nameNode = node.childForFieldName("name");
  return found(nameNode?.text ?? "default", kind, outerStatement(node), nameNode, node);
};

/** `const f = () => …` anywhere; other values only at the top level (module constants, config objects). */
const declarator: DeclarationReader = (node) => {
  const nameNode = node.childForFieldName("name");
  if (!nameNode) return null;
  const value = node.childForFieldName("value");
  const kind = value ? FUNCTION_VALUE_KINDS[value.type] : undefined;
  if (kind) return found(nameNode.text, kind, outerStatement(node), nameNode, node);
  const container = node.parent?.parent;
  const topLevel = container?.type === "program" || (container?.type === "export_statement" && container.parent?.type === "program");
  return topLevel ? found(nameNode.text, "const", outerStatement(node), nameNode, node) : null;
};

/** `export default () => …`: a declaration without a name of its own. */
const exportDefault: DeclarationReader = (node) => {
  const value = node.childForFieldName("value");
  const kind = value ? FUNCTION_VALUE_KINDS[value.type] : undefined;
  return kind ? found("default", kind, node, null, node) : null;
};

/** Object keys, class fields and assignments whose value is a function. */
const binder: DeclarationReader = (node) => {
  const value = node.childForFieldName(BINDERS[node.type] ?? "value");
  const kind = value ? FUNCTION_VALUE_KINDS[value.type] : undefined;
  if (!kind) return null;
  const nameNode = node.childForFieldName("key") ?? node.childForFieldName("name") ?? node.childForFieldName("property") ?? node.childForFieldName("left");
  const name = nameNode?.text;
  return name && name.length <= MAX_NAME_LENGTH ? found(name, kind, node, nameNode, node) : null;
};

/** A function or class expression with a name of its own, and no binder that already declares it. */
const functionValue: DeclarationReader = (node) => {
  const kind = FUNCTION_VALUE_KINDS[node.type];
  const parent = node.parent;
  const binderField = parent ? BINDERS[parent.type] : undefined;
  if (!kind || (parent && binderField && parent.childForFieldName(binderField)?.id === node.id)) return null;
  if (parent?.type === "export_statement") return null;
  const nameNode = node.childForFieldName("name");
  return nameNode ? found(nameNode.text, kind, node, nameNode, node) : null;
};

const fromTable = (table: Readonly<Record<string, unknown>>, reader: DeclarationReader) =>
  Object.fromEntries(Object.keys(table).map((type) => [type, reader]));

export const TYPESCRIPT: LanguageFamily = {
  grammars: { typescript: TypeScript.typescript, tsx: TypeScript.tsx, javascript: JavaScript },
  extensions: {
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".js": "javascript",
    ".jsx": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
  },
  declarations: {
    ...fromTable(NAMED_KINDS, named),
    ...fromTable(FUNCTION_VALUE_KINDS, functionValue),
    ...fromTable(BINDERS, binder),
    variable_declarator: declarator,
    export_statement: exportDefault,
  },
  isTestPath: (path) => /(?:^|\/)(?:tests?|__tests__|specs?)\/|[._-](?:test|spec)s?\.[^/]+$/.test(path),
};

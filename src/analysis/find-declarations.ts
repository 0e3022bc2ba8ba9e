// Finds the named declarations that enclose a point of a parsed file, innermost
// first: functions, methods, classes, arrow functions and function expressions
// bound to a name, top-level consts, interfaces, type aliases and enums.
// Anonymous callbacks are looked through, so a change inside `app.get(…, () => …)`
// within a method belongs to the method.

import type Parser from "tree-sitter";
import type { TouchedDeclaration } from "../review/types.js";

type SyntaxNode = Parser.SyntaxNode;

export interface DeclarationSite {
  name: string;
  kind: TouchedDeclaration["kind"];
  /** 1-based, inclusive, of the whole statement (with `export` and `const` when present). */
  startLine: number;
  endLine: number;
}

const NAMED_KINDS: Readonly<Record<string, TouchedDeclaration["kind"]>> = {
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

const FUNCTION_VALUE_KINDS: Readonly<Record<string, TouchedDeclaration["kind"]>> = {
  arrow_function: "arrow",
  function_expression: "function-expression",
  function: "function-expression",
  generator_function: "function-expression",
  class: "class",
};

/** Nodes that bind a name to a function value; a function expression inside one is named by it. */
const BINDERS: Readonly<Record<string, string>> = {
  variable_declarator: "value",
  pair: "value",
  public_field_definition: "value",
  field_definition: "value",
  assignment_expression: "right",
};

/** Longest left-hand side (`module.exports.handler`) still used as a name. */
const MAX_NAME_LENGTH = 80;

/**
 * The declarations enclosing (row, column) (0-based), innermost first. Pass the
 * column of the line's first token: whitespace belongs to the enclosing block,
 * not to a declaration that starts on the line.
 */
export function enclosingDeclarations(root: SyntaxNode, row: number, column: number): DeclarationSite[] {
  const sites: DeclarationSite[] = [];
  let node: SyntaxNode | null = root.descendantForPosition({ row, column });
  while (node) {
    const site = declarationOf(node, row);
    const last = sites[sites.length - 1];
    if (site && !(last && last.startLine === site.startLine && last.endLine === site.endLine)) sites.push(site);
    node = node.parent;
  }
  return sites;
}

function declarationOf(node: SyntaxNode, row: number): DeclarationSite | null {
  const type = node.type;
  const namedKind = NAMED_KINDS[type];
  if (namedKind) {
    const name = node.childForFieldName("name")?.text ?? "default";
    return site(name, namedKind, outerStatement(node));
  }
  switch (type) {
    case "variable_declarator":
      return fromDeclarator(node);
    case "lexical_declaration":
    case "variable_declaration": {
      // The point is on `const`/`let` or between declarators: use the declarator on that row.
      const declarators = node.namedChildren.filter((child) => child.type === "variable_declarator");
      const declarator = declarators.find((child) => child.startPosition.row <= row && row <= child.endPosition.row) ?? declarators[0];
      return declarator ? fromDeclarator(declarator) : null;
    }
    case "export_statement": {
      const declaration = node.childForFieldName("declaration");
      if (declaration) return declarationOf(declaration, row);
      const value = node.childForFieldName("value");
      const kind = value ? FUNCTION_VALUE_KINDS[value.type] : undefined;
      return kind ? site("default", kind, node) : null;
    }
    case "pair":
    case "public_field_definition":
    case "field_definition":
    case "assignment_expression": {
      const value = node.childForFieldName(BINDERS[type] ?? "value");
      const kind = value ? FUNCTION_VALUE_KINDS[value.type] : undefined;
      if (!kind) return null;
      const nameNode =
        node.childForFieldName("key") ?? node.childForFieldName("name") ?? node.childForFieldName("property") ?? node.childForFieldName("left");
      const name = nameNode?.text;
      return name && name.length <= MAX_NAME_LENGTH ? site(name, kind, node) : null;
    }
    case "function_expression":
    case "function":
    case "generator_function":
    case "class": {
      // Bound to a name by its parent: the binder is the declaration.
      const parent = node.parent;
      const binderField = parent ? BINDERS[parent.type] : undefined;
      if (parent && binderField && parent.childForFieldName(binderField)?.id === node.id) return null;
      const name = node.childForFieldName("name")?.text;
      return name ? site(name, FUNCTION_VALUE_KINDS[type] ?? "function-expression", node) : null;
    }
    default:
      return null;
  }
}

function fromDeclarator(declarator: SyntaxNode): DeclarationSite | null {
  const name = declarator.childForFieldName("name")?.text;
  if (!name) return null;
  const value = declarator.childForFieldName("value");
  const kind = value ? FUNCTION_VALUE_KINDS[value.type] : undefined;
  if (kind) return site(name, kind, outerStatement(declarator));
  // Other values count only at the top level (module constants, config objects).
  const statement = declarator.parent;
  const container = statement?.parent;
  const topLevel = container?.type === "program" || (container?.type === "export_statement" && container.parent?.type === "program");
  return topLevel ? site(name, "const", outerStatement(declarator)) : null;
}

/** Widen to `export …` and to the `const` statement when it declares only this. */
function outerStatement(node: SyntaxNode): SyntaxNode {
  let outer = node;
  const parent = outer.parent;
  if (
    outer.type === "variable_declarator" &&
    parent &&
    (parent.type === "lexical_declaration" || parent.type === "variable_declaration") &&
    parent.namedChildren.filter((child) => child.type === "variable_declarator").length === 1
  ) {
    outer = parent;
  }
  if (outer.parent?.type === "export_statement") outer = outer.parent;
  return outer;
}

function site(name: string, kind: TouchedDeclaration["kind"], node: SyntaxNode): DeclarationSite {
  return { name, kind, startLine: node.startPosition.row + 1, endLine: node.endPosition.row + 1 };
}

// Finds the named declarations around a range of rows of a parsed file:
// functions, methods, classes, arrow functions and function expressions bound
// to a name, top-level consts, interfaces, type aliases and enums. Anonymous
// callbacks are not declarations, so a change inside `app.get(…, () => …)`
// within a method belongs to the method.

import type Parser from "tree-sitter";

import type { TouchedDeclaration } from "./types.js";

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

/** Nodes that bind a name to a function value, and the field holding the value. */
const BINDERS: Readonly<Record<string, string>> = {
  variable_declarator: "value",
  pair: "value",
  public_field_definition: "value",
  field_definition: "value",
  assignment_expression: "right",
};

/** Every node type that can be (or name) a declaration, in either grammar; unknown names are ignored. */
const CANDIDATE_TYPES = [...Object.keys(NAMED_KINDS), ...Object.keys(FUNCTION_VALUE_KINDS), ...Object.keys(BINDERS), "export_statement"];

/** Longest left-hand side (`module.exports.handler`) still used as a name. */
const MAX_NAME_LENGTH = 80;

/**
 * The declarations that overlap rows [fromRow, toRow] (0-based, of the file),
 * including every one that encloses them. `rowOffset` is the file row of the
 * tree's first row when only a region of the file was parsed.
 */
export function declarationsAround(root: SyntaxNode, fromRow: number, toRow: number, rowOffset = 0): DeclarationSite[] {
  const nodes = root.descendantsOfType(
    CANDIDATE_TYPES,
    { row: Math.max(0, fromRow - rowOffset), column: 0 },
    { row: toRow - rowOffset + 1, column: 0 },
  );
  const sites: DeclarationSite[] = [];
  for (const node of nodes) {
    const site = declarationOf(node);
    if (site) sites.push(rowOffset === 0 ? site : { ...site, startLine: site.startLine + rowOffset, endLine: site.endLine + rowOffset });
  }
  return sites;
}

/** The smallest of `sites` that spans lines `from`..`to` (1-based): the innermost enclosing declaration. */
export function innermostSite<T extends { startLine: number; endLine: number }>(sites: readonly T[], from: number, to = from): T | undefined {
  let best: T | undefined;
  for (const site of sites) {
    if (site.startLine > from || site.endLine < to) continue;
    if (!best || site.endLine - site.startLine < best.endLine - best.startLine) best = site;
  }
  return best;
}

function declarationOf(node: SyntaxNode): DeclarationSite | null {
  const type = node.type;
  const namedKind = NAMED_KINDS[type];
  if (namedKind) return site(node.childForFieldName("name")?.text ?? "default", namedKind, outerStatement(node));
  switch (type) {
    case "variable_declarator":
      return fromDeclarator(node);
    case "export_statement": {
      // `export default () => …`: a declaration without a name of its own.
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
    default: {
      // A function or class expression: its binder (if any) is the declaration; else its own name.
      const kind = FUNCTION_VALUE_KINDS[type];
      if (!kind) return null;
      const parent = node.parent;
      const binderField = parent ? BINDERS[parent.type] : undefined;
      if (parent && binderField && parent.childForFieldName(binderField)?.id === node.id) return null;
      if (parent?.type === "export_statement") return null;
      const name = node.childForFieldName("name")?.text;
      return name ? site(name, kind, node) : null;
    }
  }
}

function fromDeclarator(declarator: SyntaxNode): DeclarationSite | null {
  const name = declarator.childForFieldName("name")?.text;
  if (!name) return null;
  const value = declarator.childForFieldName("value");
  const kind = value ? FUNCTION_VALUE_KINDS[value.type] : undefined;
  if (kind) return site(name, kind, outerStatement(declarator));
  // Other values count only at the top level (module constants, config objects).
  const container = declarator.parent?.parent;
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
    parent.namedChildCount === 1
  ) {
    outer = parent;
  }
  if (outer.parent?.type === "export_statement") outer = outer.parent;
  return outer;
}

function site(name: string, kind: TouchedDeclaration["kind"], node: SyntaxNode): DeclarationSite {
  return { name, kind, startLine: node.startPosition.row + 1, endLine: node.endPosition.row + 1 };
}

// Every declaration of a file, found by a full walk of its tree with plain
// lists of node types per language: an independent check of the analysis'
// own range lookup and language data, for the context-recall figure.
// Spans are the declaring node itself (not widened), so a declaration the
// analysis shows with its decorators or statement still contains them; only
// the comment lines right above a declaration count as its own (its docs).

import type Parser from "tree-sitter";

import type { LanguageName } from "../../src/analysis/languages.js";

type SyntaxNode = Parser.SyntaxNode;

export interface LineRange {
  startLine: number;
  endLine: number;
}

interface WalkRules {
  /** Node types that are always declarations. */
  declarations: ReadonlySet<string>;
  /** Node types that bind a name, declarations when a child is a function value (or always at the top level). */
  binders: ReadonlySet<string>;
  functionValues: ReadonlySet<string>;
  /** Binder types that declare a module-level name whatever their value (constants, config objects). */
  topLevelBinders: ReadonlySet<string>;
  /** The file's root and the bodies whose bindings count as module-level. */
  topLevel: ReadonlySet<string>;
}

const set = (...types: string[]): ReadonlySet<string> => new Set(types);

const TYPESCRIPT: WalkRules = {
  declarations: set(
    "function_declaration",
    "generator_function_declaration",
    "function_signature",
    "class_declaration",
    "abstract_class_declaration",
    "method_definition",
    "interface_declaration",
    "type_alias_declaration",
    "enum_declaration",
  ),
  binders: set("variable_declarator", "pair", "public_field_definition", "field_definition", "assignment_expression"),
  functionValues: set("arrow_function", "function_expression", "function", "generator_function", "class"),
  topLevelBinders: set("variable_declarator"),
  topLevel: set("program"),
};

const RULES: Readonly<Record<LanguageName, WalkRules>> = {
  typescript: TYPESCRIPT,
  tsx: TYPESCRIPT,
  javascript: TYPESCRIPT,
  java: {
    declarations: set(
      "class_declaration",
      "interface_declaration",
      "enum_declaration",
      "record_declaration",
      "annotation_type_declaration",
      "method_declaration",
      "constructor_declaration",
      "compact_constructor_declaration",
    ),
    binders: set("variable_declarator"),
    functionValues: set("lambda_expression"),
    topLevelBinders: set(),
    topLevel: set(),
  },
  kotlin: {
    declarations: set("class_declaration", "object_declaration", "companion_object", "function_declaration", "secondary_constructor", "anonymous_initializer", "type_alias"),
    binders: set("property_declaration"),
    functionValues: set("lambda_literal", "anonymous_function"),
    topLevelBinders: set("property_declaration"),
    topLevel: set("source_file", "class_body", "enum_class_body"),
  },
  csharp: {
    declarations: set(
      "class_declaration",
      "struct_declaration",
      "record_declaration",
      "interface_declaration",
      "enum_declaration",
      "delegate_declaration",
      "method_declaration",
      "constructor_declaration",
      "destructor_declaration",
      "operator_declaration",
      "property_declaration",
      "indexer_declaration",
      "event_declaration",
      "local_function_statement",
    ),
    binders: set("variable_declarator"),
    functionValues: set("lambda_expression", "anonymous_method_expression"),
    topLevelBinders: set(),
    topLevel: set(),
  },
  python: {
    declarations: set("function_definition", "class_definition"),
    binders: set("assignment"),
    functionValues: set("lambda"),
    topLevelBinders: set("assignment"),
    topLevel: set("module"),
  },
  go: {
    declarations: set("function_declaration", "method_declaration", "type_spec", "type_alias"),
    binders: set("var_spec", "const_spec", "short_var_declaration"),
    functionValues: set("func_literal"),
    topLevelBinders: set("var_spec", "const_spec"),
    topLevel: set("source_file"),
  },
};

/** The file's declarations, every one, by a full walk. */
export function walkDeclarations(language: LanguageName, root: SyntaxNode): LineRange[] {
  const rules = RULES[language];
  const found: LineRange[] = [];
  const visit = (node: SyntaxNode): void => {
    const namedFunctionValue = rules.functionValues.has(node.type) && node.childForFieldName("name") !== null;
    if (rules.declarations.has(node.type) || namedFunctionValue || (rules.binders.has(node.type) && isDeclaringBinder(rules, node))) {
      found.push({ startLine: withLeadingComments(node) + 1, endLine: node.endPosition.row + 1 });
    }
    for (const child of node.namedChildren) visit(child);
  };
  visit(root);
  return found;
}

/** The first row of the comment lines directly above the node (or of its statement), with no blank line or code between. */
function withLeadingComments(node: SyntaxNode): number {
  let top = node;
  while (top.parent && top.parent.startPosition.row === node.startPosition.row && !top.previousNamedSibling) top = top.parent;
  let row = top.startPosition.row;
  for (let sibling = top.previousNamedSibling; sibling && sibling.type.includes("comment"); sibling = sibling.previousNamedSibling) {
    const onOwnLine = sibling.previousSibling?.endPosition.row !== sibling.startPosition.row;
    if (sibling.endPosition.row !== row - 1 || !onOwnLine) break;
    row = sibling.startPosition.row;
  }
  return row;
}

function isDeclaringBinder(rules: WalkRules, node: SyntaxNode): boolean {
  if (hasFunctionValue(rules, node)) return true;
  if (!rules.topLevelBinders.has(node.type)) return false;
  // Module-level bindings: the binder, or its statement one or two levels up, sits in the file's root.
  for (let at = node.parent, depth = 0; at && depth < 3; at = at.parent, depth++) if (rules.topLevel.has(at.type)) return true;
  return false;
}

/** A function value as the binder's value (directly or in Go's expression list), not somewhere deeper. */
function hasFunctionValue(rules: WalkRules, node: SyntaxNode): boolean {
  return node.namedChildren.some(
    (child) => rules.functionValues.has(child.type) || (child.type === "expression_list" && child.namedChildren.some((value) => rules.functionValues.has(value.type))),
  );
}

// The common shape of a declaration reader: the name sits in a field of the
// node (usually `name`), the node itself (or a wider one) is the span.

import type Parser from "tree-sitter";

import type { DeclarationKind } from "../types.js";
import type { DeclarationReader } from "./language-family.js";

type SyntaxNode = Parser.SyntaxNode;

export interface NamedDeclarationOptions {
  /** The node carrying the name; default: the `name` field. */
  name?: (node: SyntaxNode) => SyntaxNode | null;
  /** A kind that depends on the node (a Kotlin `class` that is an `interface`). */
  kind?: (node: SyntaxNode) => DeclarationKind;
  /** The whole declaration, when wider than the node (decorators, a binding statement). */
  span?: (node: SyntaxNode) => SyntaxNode;
  /** How the name reads when it should say more than the name node (a Go method's receiver). */
  label?: (node: SyntaxNode, name: string) => string;
}

export function namedDeclaration(kind: DeclarationKind, isExported: (node: SyntaxNode, name: string) => boolean, options: NamedDeclarationOptions = {}): DeclarationReader {
  return (node) => {
    const nameNode = options.name ? options.name(node) : node.childForFieldName("name");
    if (!nameNode) return null;
    const name = nameNode.text;
    return {
      name: options.label ? options.label(node, name) : name,
      kind: options.kind ? options.kind(node) : kind,
      span: options.span ? options.span(node) : node,
      nameNode,
      exported: isExported(node, name),
    };
  };
}

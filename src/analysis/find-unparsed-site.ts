// Grammars have gaps (Kotlin mis-parses some constructors, single-line bodies;
// C# newer syntax may leave error nodes). When a changed line has no enclosing
// declaration because it sits in a part tree-sitter could not parse, the
// model still gets context: the nearest enclosing node that did parse, or the
// unparsed stretch itself when it hangs off the top of the file. Never nothing.

import type Parser from "tree-sitter";

import type { DeclarationSite } from "./find-declarations.js";

type SyntaxNode = Parser.SyntaxNode;

/**
 * The fallback context for a point (0-based row and column, of the tree) that
 * no declaration encloses, or undefined when the point parsed cleanly (a
 * top-level line needs no context).
 */
export function unparsedSiteAt(root: SyntaxNode, row: number, column: number, rowOffset = 0): DeclarationSite | undefined {
  let error: SyntaxNode | null = null;
  for (let node: SyntaxNode | null = root.descendantForPosition({ row, column }); node && node.id !== root.id; node = node.parent) {
    if (node.type === "ERROR") error = node;
  }
  if (!error) return undefined;
  const parsed = error.parent && error.parent.id !== root.id ? error.parent : error;
  const startLine = parsed.startPosition.row + 1 + rowOffset;
  return {
    name: parsed.type === "ERROR" ? "(did not parse)" : parsed.type,
    kind: "unparsed",
    startLine,
    endLine: parsed.endPosition.row + 1 + rowOffset,
    nameLine: startLine,
    exported: false,
  };
}

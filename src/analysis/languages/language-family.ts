// What foureyes needs to know about a family of languages, as data: its
// extensions and grammars, which syntax nodes are declarations (and how to
// read their names), which paths hold tests, and what counts as exported.
// Adding a language means adding one file like ./java.ts to ./families.ts.

import type Parser from "tree-sitter";

import type { DeclarationKind } from "../types.js";
import type { LanguageName } from "./language-names.js";

type SyntaxNode = Parser.SyntaxNode;

/** A declaration as a language reads it from one syntax node. */
export interface FoundDeclaration {
  name: string;
  kind: DeclarationKind;
  /** The whole declaration: with its decorators, annotations, `export` or binding statement. */
  span: SyntaxNode;
  /** The node that carries the name, so trimming can keep its line. */
  nameNode: SyntaxNode;
  /** Part of the public surface, in the language's own sense. */
  exported: boolean;
}

/** Reads a declaration from a node of the type it is registered for, or null when this one is not one (an unbound lambda). */
export type DeclarationReader = (node: SyntaxNode) => FoundDeclaration | null;

export interface LanguageFamily {
  grammars: Readonly<Partial<Record<LanguageName, unknown>>>;
  /** Lower-case extension with its dot → grammar. */
  extensions: Readonly<Record<string, LanguageName>>;
  /** Node type → how to read it as a declaration; node types a grammar lacks are ignored. */
  declarations: Readonly<Record<string, DeclarationReader>>;
  /** The family's test-file convention. */
  isTestPath(path: string): boolean;
}

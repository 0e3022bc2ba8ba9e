// Finds the declarations around a range of rows of a parsed file. Which syntax
// nodes are declarations, and how their names read, is each language's data
// (./languages/); this walks the tree and asks it.

import type Parser from "tree-sitter";

import { languageFamily } from "./languages.js";
import type { FoundDeclaration, LanguageFamily } from "./languages/language-family.js";
import type { LanguageName } from "./languages/language-names.js";
import type { DeclarationKind } from "./types.js";

type SyntaxNode = Parser.SyntaxNode;

export interface DeclarationSite {
  name: string;
  kind: DeclarationKind;
  /** 1-based, inclusive, of the whole declaration (with `export`, decorators, annotations, attributes). */
  startLine: number;
  endLine: number;
  /** The line with the name, which a trimmed text must keep. */
  nameLine: number;
  exported: boolean;
}

/** Rows of doc comment above a declaration within which a change still finds it. */
const DOC_COMMENT_REACH = 40;

const candidateTypes = new WeakMap<LanguageFamily, string[]>();

function typesOf(family: LanguageFamily): string[] {
  let types = candidateTypes.get(family);
  if (!types) candidateTypes.set(family, (types = Object.keys(family.declarations)));
  return types;
}

/**
 * The declarations that overlap rows [fromRow, toRow] (0-based, of the file),
 * including every one that encloses them. `rowOffset` is the file row of the
 * tree's first row when only a region of the file was parsed.
 */
export function declarationsAround(
  language: LanguageName,
  root: SyntaxNode,
  fromRow: number,
  toRow: number,
  rowOffset = 0,
  lines?: readonly string[],
): DeclarationSite[] {
  const family = languageFamily(language);
  const end = { row: reachBelow(toRow, lines) - rowOffset, column: 0 };
  const nodes = root.descendantsOfType(typesOf(family), { row: Math.max(0, fromRow - rowOffset), column: 0 }, end);
  const sites: DeclarationSite[] = [];
  for (const node of nodes) {
    const site = siteOf(family, node, rowOffset);
    if (site) sites.push(site);
  }
  return sites;
}

/**
 * The file row before which declarations below the rows still count: their doc comment, decorators or
 * group header (Go's `type (`) may be what changed. What attaches to a declaration sits right above it,
 * so the first blank line of the file's `lines` ends the reach (sparing a walk of everything below).
 */
function reachBelow(toRow: number, lines: readonly string[] | undefined): number {
  const reach = toRow + 1 + DOC_COMMENT_REACH;
  if (!lines) return reach;
  for (let row = toRow + 1; row < reach && row < lines.length; row++) if ((lines[row] ?? "").trim() === "") return row;
  return reach;
}

/**
 * What has been read of each node, kept while its tree lives: the walks for
 * a file's hunks meet the same enclosing classes again and again, and every
 * member asks its enclosers whether they are exported.
 */
const sitesRead = new WeakMap<SyntaxNode, { rowOffset: number; site: DeclarationSite | null }>();
const declarationsRead = new WeakMap<SyntaxNode, FoundDeclaration | null>();
const scopesExported = new WeakMap<SyntaxNode, boolean>();

function siteOf(family: LanguageFamily, node: SyntaxNode, rowOffset: number): DeclarationSite | null {
  const known = sitesRead.get(node);
  if (known && known.rowOffset === rowOffset) return known.site;
  const found = readDeclaration(family, node);
  const site = found && {
    name: found.name,
    kind: found.kind,
    startLine: docCommentStart(found.span) + 1 + rowOffset,
    endLine: found.span.endPosition.row + 1 + rowOffset,
    nameLine: found.nameNode.startPosition.row + 1 + rowOffset,
    exported: found.exported && scopeExported(family, found.span.parent),
  };
  sitesRead.set(node, { rowOffset, site });
  return site;
}

function readDeclaration(family: LanguageFamily, node: SyntaxNode): FoundDeclaration | null {
  let found = declarationsRead.get(node);
  if (found === undefined) {
    found = family.declarations[node.type]?.(node) ?? null;
    declarationsRead.set(node, found);
  }
  return found;
}

/**
 * The first row of the comments right above a declaration (doc comments,
 * Javadoc, `///` XML docs, Go's `// Name …`): a change to them is a change to
 * the declaration, not to the class around it. Only comments on lines of
 * their own, with no blank line between them and the declaration.
 */
function docCommentStart(span: SyntaxNode): number {
  let start = span.startPosition.row;
  for (let previous = span.previousNamedSibling; previous && /comment/.test(previous.type); previous = previous.previousNamedSibling) {
    const before = previous.previousSibling;
    if (previous.endPosition.row < start - 1 || (before && before.endPosition.row === previous.startPosition.row)) break;
    start = previous.startPosition.row;
  }
  return start;
}

/** Scopes whose declarations are locals, never part of the public surface. */
const LOCAL_SCOPES: ReadonlySet<DeclarationKind> = new Set(["function", "method", "constructor", "lambda", "arrow", "function-expression"]);

/** A member is public surface only when every declaration around it is, and none of them is a function body. */
function scopeExported(family: LanguageFamily, scope: SyntaxNode | null): boolean {
  if (!scope) return true;
  let exported = scopesExported.get(scope);
  if (exported === undefined) {
    const outer = readDeclaration(family, scope);
    exported = outer && (LOCAL_SCOPES.has(outer.kind) || !outer.exported) ? false : scopeExported(family, scope.parent);
    scopesExported.set(scope, exported);
  }
  return exported;
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

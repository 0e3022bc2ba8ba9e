// The languages foureyes understands with tree-sitter: file extension → grammar,
// and one reusable parser per grammar (creating a parser and loading a grammar
// costs far more than parsing a typical file).

import Kotlin from "@tree-sitter-grammars/tree-sitter-kotlin";
import Parser from "tree-sitter";
import CSharp from "tree-sitter-c-sharp";
import Go from "tree-sitter-go";
import Java from "tree-sitter-java";
import JavaScript from "tree-sitter-javascript";
import Python from "tree-sitter-python";
import TypeScript from "tree-sitter-typescript";

/** Every language with a grammar, in the names rule packs and configs use. */
export const LANGUAGE_NAMES = ["typescript", "tsx", "javascript", "java", "kotlin", "csharp", "python", "go"] as const;

export type LanguageName = (typeof LANGUAGE_NAMES)[number];

const LANGUAGE_BY_EXTENSION: Readonly<Record<string, LanguageName>> = {
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "tsx",
  ".js": "javascript",
  ".jsx": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".java": "java",
  ".kt": "kotlin",
  ".kts": "kotlin",
  ".cs": "csharp",
  ".py": "python",
  ".pyi": "python",
  ".go": "go",
};

const GRAMMARS: Readonly<Record<LanguageName, unknown>> = {
  typescript: TypeScript.typescript,
  tsx: TypeScript.tsx,
  javascript: JavaScript,
  java: Java,
  kotlin: Kotlin,
  csharp: CSharp,
  python: Python,
  go: Go,
};

/** The language of a path by its extension, or null when foureyes has no grammar for it. */
export function languageForPath(path: string): LanguageName | null {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return null;
  return LANGUAGE_BY_EXTENSION[name.slice(dot).toLowerCase()] ?? null;
}

const parsers = new Map<LanguageName, Parser>();

/** A parser for the language, created on first use and reused (parsing is synchronous, so sharing is safe). */
export function parserFor(language: LanguageName): Parser {
  let parser = parsers.get(language);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(GRAMMARS[language]);
    parsers.set(language, parser);
  }
  return parser;
}

/** Parse a whole text. tree-sitter 0.21 fails on texts over its 32 KB default buffer unless told the size. */
export function parseText(language: LanguageName, text: string): Parser.Tree {
  return parserFor(language).parse(text, undefined, { bufferSize: text.length + 1 });
}

// The languages foureyes understands with tree-sitter: file extension → grammar,
// and one reusable parser per grammar (creating a parser and loading a grammar
// costs far more than parsing a typical file). What each language is lives as
// data in ./languages/, one file per family.

import Parser from "tree-sitter";

import { LANGUAGE_FAMILIES } from "./languages/families.js";
import type { LanguageFamily } from "./languages/language-family.js";
import type { LanguageName } from "./languages/language-names.js";

export { LANGUAGE_NAMES, type LanguageName } from "./languages/language-names.js";

const FAMILY_BY_LANGUAGE = new Map<LanguageName, LanguageFamily>(
  LANGUAGE_FAMILIES.flatMap((family) => Object.keys(family.grammars).map((name) => [name as LanguageName, family] as const)),
);

const LANGUAGE_BY_EXTENSION: Readonly<Record<string, LanguageName>> = Object.assign({}, ...LANGUAGE_FAMILIES.map((family) => family.extensions));

/** The language of a path by its extension, or null when foureyes has no grammar for it. */
export function languageForPath(path: string): LanguageName | null {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return null;
  return LANGUAGE_BY_EXTENSION[name.slice(dot).toLowerCase()] ?? null;
}

/** The family a language belongs to: its declarations, test convention and notion of exported. */
export function languageFamily(language: LanguageName): LanguageFamily {
  const family = FAMILY_BY_LANGUAGE.get(language);
  if (!family) throw new Error(`No language family lists the grammar "${language}"; add it to src/analysis/languages/families.ts.`);
  return family;
}

/** Whether a path holds tests by its language's convention (any language's, for other files). */
export function isTestPath(path: string): boolean {
  const language = languageForPath(path);
  if (language) return languageFamily(language).isTestPath(path);
  return LANGUAGE_FAMILIES.some((family) => family.isTestPath(path));
}

const parsers = new Map<LanguageName, Parser>();

/** A parser for the language, created on first use and reused (parsing is synchronous, so sharing is safe). */
export function parserFor(language: LanguageName): Parser {
  let parser = parsers.get(language);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(languageFamily(language).grammars[language]);
    parsers.set(language, parser);
  }
  return parser;
}

/** Parse a whole text. tree-sitter 0.21 fails on texts over its 32 KB default buffer unless told the size. */
export function parseText(language: LanguageName, text: string): Parser.Tree {
  return parserFor(language).parse(text, undefined, { bufferSize: text.length + 1 });
}

// The names of the grammars foureyes parses with, as rule packs and configs spell them.

/** Every language with a grammar, in the names rule packs and configs use. */
export const LANGUAGE_NAMES = ["typescript", "tsx", "javascript", "java", "kotlin", "csharp", "python", "go"] as const;

export type LanguageName = (typeof LANGUAGE_NAMES)[number];

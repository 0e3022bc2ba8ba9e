// The gate a test suggestion passes before anyone sees it: the code parses
// in the test file's language without error or missing nodes, mentions the
// symbol under test, and declares tests with the framework the repository
// uses. All three are read from the syntax tree.

import { parseText } from "../languages.js";
import type { LanguageName } from "../languages/language-names.js";
import type { TestFramework } from "../test-gaps/types.js";
import { readTestCodeFacts } from "./read-test-code-facts.js";
import { usesTestFramework } from "./uses-test-framework.js";

/** Why a suggestion was dropped. */
export type TestCodeProblem = "does-not-parse" | "symbol-not-referenced" | "framework-not-used";

export interface TestCodeToValidate {
  code: string;
  /** The language of the proposed test file. */
  language: LanguageName;
  framework: TestFramework;
  /** The symbol under test as test gaps name it (`add`, `Ledger.post`, `(*Ledger).Post`): its last name must appear. */
  symbol: string;
}

export function validateTestCode(input: TestCodeToValidate): TestCodeProblem | null {
  const root = parseText(input.language, input.code).rootNode;
  if (root.hasError || root.isMissing) return "does-not-parse";
  const facts = readTestCodeFacts(input.language, root, input.code);
  if (!facts.identifiers.has(lastName(input.symbol))) return "symbol-not-referenced";
  if (!usesTestFramework(input.framework, input.language, facts)) return "framework-not-used";
  return null;
}

/** `Ledger.post` → `post`, `(*Ledger).Post` → `Post`. */
function lastName(symbol: string): string {
  return /[\p{L}_$][\p{L}\p{N}_$]*$/u.exec(symbol)?.[0] ?? symbol;
}

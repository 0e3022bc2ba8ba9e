// What test-gap detection reports, and what test suggestions build on: for
// each exported symbol a pull request adds or changes outside test files,
// whether a test changed in the same pull request exercises it, and whether
// the repository already has a test file for its module.

import type { LanguageName } from "../languages.js";
import type { DeclarationKind } from "../types.js";

/** The test frameworks foureyes recognises, per ecosystem. */
export type TestFramework =
  | "vitest"
  | "jest"
  | "mocha"
  | "node:test"
  | "ava"
  | "pytest"
  | "unittest"
  | "junit"
  | "kotest"
  | "xunit"
  | "nunit"
  | "mstest"
  | "go-testing";

/** One exported symbol the change adds or alters in a non-test file. */
export interface TestGap {
  path: string;
  language: LanguageName;
  /** The declared name (Go methods read `Receiver.Method`). */
  symbol: string;
  /** The class, struct or object a member belongs to; null for a top-level symbol. */
  container: string | null;
  kind: DeclarationKind;
  /** First line of the declaration in the head version (1-based). */
  line: number;
  /** Last line of the declaration in the head version. */
  endLine: number;
  /** The line that holds the symbol's name, where an inline pointer belongs. */
  signatureLine: number;
  /** Added lines inside the declaration (head side). */
  changedLines: number;
  /** Test files changed by this pull request that import the module and reference the symbol. */
  touchedBy: string[];
  /** A test file for the module in the repository at the head, or null when there is none. */
  existingTest: string | null;
  /** The framework the repository tests this language with, when its manifests or tests say. */
  framework?: TestFramework | null;
}

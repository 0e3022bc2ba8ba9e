// Whether a proposed test file uses a given test framework's API, judged on
// the facts its syntax tree gives (read-test-code-facts.ts): the framework's
// module is imported and its own way of declaring a test is there.

import type { LanguageName } from "../languages/language-names.js";
import type { TestFramework } from "../test-gaps/types.js";
import type { TestCodeFacts } from "./read-test-code-facts.js";

const JS: LanguageName[] = ["typescript", "tsx", "javascript"];

/** The JavaScript test runners' own modules; one of them imported means that runner. */
const JS_RUNNER_MODULES: Partial<Record<TestFramework, string[]>> = {
  vitest: ["vitest"],
  jest: ["@jest/globals"],
  mocha: ["mocha"],
  "node:test": ["node:test"],
  ava: ["ava"],
};

/** Runners whose test functions may be globals (vitest's `globals: true`, jest, mocha), so no import is needed. */
const GLOBAL_RUNNERS = new Set<TestFramework>(["vitest", "jest", "mocha"]);

const JS_TEST_CALLS = ["describe", "it", "test", "suite"];

interface FrameworkCheck {
  languages: LanguageName[];
  uses(facts: TestCodeFacts): boolean;
}

const CHECKS: Record<TestFramework, FrameworkCheck> = {
  vitest: jsRunner("vitest"),
  jest: jsRunner("jest"),
  mocha: jsRunner("mocha"),
  "node:test": jsRunner("node:test"),
  ava: jsRunner("ava"),
  pytest: { languages: ["python"], uses: (facts) => facts.functions.some((name) => name.startsWith("test")) },
  unittest: {
    languages: ["python"],
    uses: (facts) => imports(facts, "unittest") && facts.supertypes.has("TestCase") && facts.functions.some((name) => name.startsWith("test")),
  },
  junit: { languages: ["java", "kotlin"], uses: (facts) => imports(facts, "org.junit") && hasAny(facts.annotations, ["Test", "ParameterizedTest", "RepeatedTest"]) },
  kotest: { languages: ["kotlin"], uses: (facts) => imports(facts, "io.kotest") && [...facts.supertypes].some((type) => type.endsWith("Spec")) },
  xunit: { languages: ["csharp"], uses: (facts) => imports(facts, "Xunit") && hasAny(facts.annotations, ["Fact", "Theory"]) },
  nunit: { languages: ["csharp"], uses: (facts) => imports(facts, "NUnit.Framework") && hasAny(facts.annotations, ["Test", "TestCase", "TestCaseSource"]) },
  mstest: {
    languages: ["csharp"],
    uses: (facts) => imports(facts, "Microsoft.VisualStudio.TestTools.UnitTesting") && hasAny(facts.annotations, ["TestMethod", "DataTestMethod"]),
  },
  "go-testing": { languages: ["go"], uses: (facts) => imports(facts, "testing") && facts.functions.some((name) => /^Test(?![a-z])/.test(name)) },
};

/** True when code in `language` with these facts declares tests with `framework`. */
export function usesTestFramework(framework: TestFramework, language: LanguageName, facts: TestCodeFacts): boolean {
  const check = CHECKS[framework];
  return check.languages.includes(language) && check.uses(facts);
}

/** A JavaScript runner: a test is declared, and the runner's module is imported, or no other runner's is and its API may be global. */
function jsRunner(framework: TestFramework): FrameworkCheck {
  return {
    languages: JS,
    uses(facts) {
      if (!JS_TEST_CALLS.some((name) => facts.calls.has(name))) return false;
      if ((JS_RUNNER_MODULES[framework] ?? []).some((module) => imports(facts, module))) return true;
      const otherRunner = Object.entries(JS_RUNNER_MODULES).some(([other, modules]) => other !== framework && modules.some((module) => imports(facts, module)));
      return GLOBAL_RUNNERS.has(framework) && !otherRunner;
    },
  };
}

/** The module itself or one below it (`org.junit` covers `org.junit.jupiter.api.Test`, `vitest` covers `vitest/config`). */
function imports(facts: TestCodeFacts, module: string): boolean {
  return facts.modules.some((name) => name === module || name.startsWith(`${module}.`) || name.startsWith(`${module}/`));
}

function hasAny(names: Set<string>, wanted: string[]): boolean {
  return wanted.some((name) => names.has(name));
}

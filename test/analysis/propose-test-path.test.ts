// A suggested test is placed where the repository keeps its tests.

import { describe, expect, it } from "vitest";

import { proposeTestPath, type TestPathInput } from "../../src/analysis/test-suggestions/propose-test-path.js";

const CASES: (TestPathInput & { expected: string })[] = [
  { path: "src/fees.ts", language: "typescript", existingTest: "test/fees.test.ts", exampleTest: null, expected: "test/fees.test.ts" },
  { path: "src/pay/fees.ts", language: "typescript", existingTest: null, exampleTest: "test/review/run.test.ts", expected: "test/pay/fees.test.ts" },
  { path: "src/pay/fees.ts", language: "typescript", existingTest: null, exampleTest: "src/other/__tests__/x.spec.ts", expected: "src/pay/__tests__/fees.spec.ts" },
  { path: "src/pay/fees.tsx", language: "tsx", existingTest: null, exampleTest: "src/pay/amount.spec.tsx", expected: "src/pay/fees.spec.tsx" },
  { path: "lib/fees.js", language: "javascript", existingTest: null, exampleTest: null, expected: "lib/fees.test.js" },
  { path: "billing/fees.py", language: "python", existingTest: null, exampleTest: "tests/test_ledger.py", expected: "tests/test_fees.py" },
  { path: "billing/fees.py", language: "python", existingTest: null, exampleTest: null, expected: "billing/test_fees.py" },
  { path: "pkg/fees/fees.go", language: "go", existingTest: null, exampleTest: null, expected: "pkg/fees/fees_test.go" },
  { path: "src/main/java/bank/Fees.java", language: "java", existingTest: null, exampleTest: null, expected: "src/test/java/bank/FeesTest.java" },
  { path: "app/src/main/kotlin/bank/Fees.kt", language: "kotlin", existingTest: null, exampleTest: null, expected: "app/src/test/kotlin/bank/FeesTest.kt" },
  { path: "src/Bank/Fees.cs", language: "csharp", existingTest: null, exampleTest: "tests/Bank.Tests/LedgerTests.cs", expected: "tests/Bank.Tests/FeesTests.cs" },
];

describe("proposeTestPath", () => {
  it.each(CASES)("$path ($exampleTest) → $expected", ({ expected, ...input }) => {
    expect(proposeTestPath(input)).toBe(expected);
  });
});

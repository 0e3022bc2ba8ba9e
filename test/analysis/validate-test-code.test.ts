// A test suggestion is shown only when its code parses, mentions the symbol
// under test and uses the repository's test framework, judged on the syntax
// tree: words in comments or strings do not count.

import { describe, expect, it } from "vitest";

import type { LanguageName } from "../../src/analysis/languages.js";
import type { TestFramework } from "../../src/analysis/test-gaps/types.js";
import { type TestCodeProblem, validateTestCode } from "../../src/analysis/test-suggestions/validate-test-code.js";

interface Case {
  name: string;
  language: LanguageName;
  framework: TestFramework;
  symbol: string;
  code: string;
  expected: TestCodeProblem | null;
}

const VITEST_OK = `import { describe, expect, it } from "vitest";
import { applyFee } from "../src/fees.js";

describe("applyFee", () => {
  it("adds the fee", () => {
    expect(applyFee(100, 0.1)).toBe(110);
  });
});
`;

const CASES: Case[] = [
  { name: "vitest, imported", language: "typescript", framework: "vitest", symbol: "applyFee", code: VITEST_OK, expected: null },
  { name: "vitest, globals", language: "typescript", framework: "vitest", symbol: "applyFee", code: VITEST_OK.split("\n").slice(1).join("\n"), expected: null },
  { name: "unclosed block", language: "typescript", framework: "vitest", symbol: "applyFee", code: VITEST_OK.replace(/\}\);\n$/, ""), expected: "does-not-parse" },
  { name: "missing token", language: "typescript", framework: "vitest", symbol: "applyFee", code: VITEST_OK.replace("expect(applyFee(100, 0.1))", "expect(applyFee(100 0.1))"), expected: "does-not-parse" },
  { name: "prose around the code", language: "typescript", framework: "vitest", symbol: "applyFee", code: `Here is a test:\n${VITEST_OK}`, expected: "does-not-parse" },
  {
    name: "symbol only in a comment and a string",
    language: "typescript",
    framework: "vitest",
    symbol: "applyFee",
    code: `import { expect, it } from "vitest";\n// applyFee\nit("applyFee works", () => { expect(1).toBe(1); });\n`,
    expected: "symbol-not-referenced",
  },
  { name: "method symbol", language: "typescript", framework: "vitest", symbol: "Ledger.applyFee", code: VITEST_OK, expected: null },
  { name: "jest globals for a vitest repository", language: "typescript", framework: "vitest", symbol: "applyFee", code: VITEST_OK.replace('"vitest"', '"@jest/globals"'), expected: "framework-not-used" },
  { name: "node:test for a vitest repository", language: "typescript", framework: "vitest", symbol: "applyFee", code: VITEST_OK.replace('"vitest"', '"node:test"'), expected: "framework-not-used" },
  {
    name: "framework only named in a comment, no test declared",
    language: "typescript",
    framework: "vitest",
    symbol: "applyFee",
    code: `// import { it } from "vitest";\nimport { applyFee } from "../src/fees.js";\nconsole.assert(applyFee(1, 0) === 1, "it works");\n`,
    expected: "framework-not-used",
  },
  { name: "jest", language: "javascript", framework: "jest", symbol: "applyFee", code: `const { applyFee } = require("../src/fees");\ntest("fee", () => { expect(applyFee(1, 0)).toBe(1); });\n`, expected: null },
  { name: "mocha", language: "javascript", framework: "mocha", symbol: "applyFee", code: `const assert = require("node:assert");\nconst { applyFee } = require("../src/fees");\ndescribe("fees", () => { it("adds", () => assert.equal(applyFee(1, 0), 1)); });\n`, expected: null },
  { name: "node:test", language: "typescript", framework: "node:test", symbol: "applyFee", code: `import test from "node:test";\nimport assert from "node:assert/strict";\nimport { applyFee } from "../src/fees.js";\ntest("fee", () => { assert.equal(applyFee(1, 0), 1); });\n`, expected: null },
  { name: "node:test without its import", language: "typescript", framework: "node:test", symbol: "applyFee", code: `import { applyFee } from "../src/fees.js";\ntest("fee", () => { applyFee(1, 0); });\n`, expected: "framework-not-used" },
  { name: "ava", language: "javascript", framework: "ava", symbol: "applyFee", code: `import test from "ava";\nimport { applyFee } from "../src/fees.js";\ntest("fee", (t) => { t.is(applyFee(1, 0), 1); });\n`, expected: null },
  { name: "pytest", language: "python", framework: "pytest", symbol: "apply_fee", code: `from fees import apply_fee\n\n\ndef test_apply_fee():\n    assert apply_fee(100, 0.1) == 110\n`, expected: null },
  { name: "pytest without a test function", language: "python", framework: "pytest", symbol: "apply_fee", code: `from fees import apply_fee\n\nprint(apply_fee(100, 0.1))\n`, expected: "framework-not-used" },
  { name: "python that does not parse", language: "python", framework: "pytest", symbol: "apply_fee", code: `def test_apply_fee(:\n    assert apply_fee(1) == 1\n`, expected: "does-not-parse" },
  {
    name: "unittest",
    language: "python",
    framework: "unittest",
    symbol: "apply_fee",
    code: `import unittest\nfrom fees import apply_fee\n\n\nclass FeeTest(unittest.TestCase):\n    def test_fee(self):\n        self.assertEqual(apply_fee(1, 0), 1)\n`,
    expected: null,
  },
  { name: "pytest style for a unittest repository", language: "python", framework: "unittest", symbol: "apply_fee", code: `from fees import apply_fee\n\n\ndef test_apply_fee():\n    assert apply_fee(1, 0) == 1\n`, expected: "framework-not-used" },
  {
    name: "JUnit",
    language: "java",
    framework: "junit",
    symbol: "applyFee",
    code: `package fees;\n\nimport org.junit.jupiter.api.Test;\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\nclass FeesTest {\n  @Test\n  void adds() { assertEquals(110, Fees.applyFee(100, 10)); }\n}\n`,
    expected: null,
  },
  { name: "Java without @Test", language: "java", framework: "junit", symbol: "applyFee", code: `import org.junit.jupiter.api.Test;\nclass FeesTest {\n  void adds() { Fees.applyFee(1, 0); }\n}\n`, expected: "framework-not-used" },
  {
    name: "Kotest",
    language: "kotlin",
    framework: "kotest",
    symbol: "applyFee",
    code: `import io.kotest.core.spec.style.FunSpec\nimport io.kotest.matchers.shouldBe\n\nclass FeesTest : FunSpec({\n    test("adds") { applyFee(100, 10) shouldBe 110 }\n})\n`,
    expected: null,
  },
  {
    name: "JUnit in Kotlin",
    language: "kotlin",
    framework: "junit",
    symbol: "applyFee",
    code: `import org.junit.jupiter.api.Test\nimport kotlin.test.assertEquals\n\nclass FeesTest {\n    @Test\n    fun adds() {\n        assertEquals(110, applyFee(100, 10))\n    }\n}\n`,
    expected: null,
  },
  { name: "xUnit", language: "csharp", framework: "xunit", symbol: "ApplyFee", code: `using Xunit;\n\npublic class FeesTests\n{\n    [Fact]\n    public void Adds() => Assert.Equal(110, Fees.ApplyFee(100, 10));\n}\n`, expected: null },
  { name: "NUnit attributes for an xUnit repository", language: "csharp", framework: "xunit", symbol: "ApplyFee", code: `using NUnit.Framework;\n\npublic class FeesTests\n{\n    [Test]\n    public void Adds() => Assert.AreEqual(110, Fees.ApplyFee(100, 10));\n}\n`, expected: "framework-not-used" },
  { name: "NUnit", language: "csharp", framework: "nunit", symbol: "ApplyFee", code: `using NUnit.Framework;\n\npublic class FeesTests\n{\n    [Test]\n    public void Adds() => Assert.AreEqual(110, Fees.ApplyFee(100, 10));\n}\n`, expected: null },
  {
    name: "MSTest",
    language: "csharp",
    framework: "mstest",
    symbol: "ApplyFee",
    code: `using Microsoft.VisualStudio.TestTools.UnitTesting;\n\n[TestClass]\npublic class FeesTests\n{\n    [TestMethod]\n    public void Adds() => Assert.AreEqual(110, Fees.ApplyFee(100, 10));\n}\n`,
    expected: null,
  },
  { name: "Go testing", language: "go", framework: "go-testing", symbol: "(*Ledger).ApplyFee", code: `package fees\n\nimport "testing"\n\nfunc TestApplyFee(t *testing.T) {\n\tif (&Ledger{}).ApplyFee(100) != 110 {\n\t\tt.Fatal("fee")\n\t}\n}\n`, expected: null },
  { name: "Go without a Test function", language: "go", framework: "go-testing", symbol: "ApplyFee", code: `package fees\n\nimport "testing"\n\nfunc helper(t *testing.T) { ApplyFee(1) }\n`, expected: "framework-not-used" },
  { name: "a TypeScript framework for Go code", language: "go", framework: "vitest", symbol: "ApplyFee", code: `package fees\n\nimport "testing"\n\nfunc TestApplyFee(t *testing.T) { ApplyFee(1) }\n`, expected: "framework-not-used" },
];

describe("validateTestCode", () => {
  it.each(CASES)("$name → $expected", ({ language, framework, symbol, code, expected }) => {
    expect(validateTestCode({ code, language, framework, symbol })).toBe(expected);
  });
});

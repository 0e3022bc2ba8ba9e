// detectTestFramework: the framework a repository tests a language with, read
// from its manifests (the test script before dependencies, the manifest
// nearest the file in a monorepo) and, failing those, its test files' imports.

import { describe, expect, it } from "vitest";

import type { LanguageName } from "../../../src/analysis/languages.js";
import { detectTestFramework } from "../../../src/analysis/test-gaps/detect-test-framework.js";

const detect = (language: LanguageName, files: Record<string, string>, near?: string) =>
  detectTestFramework({ language, files: new Map(Object.entries(files)), ...(near ? { near } : {}) });
const pkg = (json: object) => JSON.stringify(json);

describe("detectTestFramework for JavaScript and TypeScript", () => {
  it.each([
    [{ devDependencies: { vitest: "^3" } }, "vitest"],
    [{ devDependencies: { jest: "^29", "@types/jest": "^29" } }, "jest"],
    [{ devDependencies: { "ts-jest": "^29" } }, "jest"],
    [{ devDependencies: { mocha: "^10", chai: "^5" } }, "mocha"],
    [{ devDependencies: { ava: "^6" } }, "ava"],
    [{ scripts: { test: "node --test test/" } }, "node:test"],
    [{ scripts: { test: "tsx --test 'test/**/*.test.ts'" } }, "node:test"],
    [{ scripts: { test: "jest --coverage" }, devDependencies: { vitest: "^3", jest: "^29" } }, "jest"],
    [{ jest: { testEnvironment: "node" } }, "jest"],
    [{ devDependencies: { "@types/mocha": "^10", java: "^1" } }, null],
    [{ dependencies: { express: "^5" } }, null],
  ] as const)("%j → %s", (manifest, expected) => {
    expect(detect("typescript", { "package.json": pkg(manifest) })).toBe(expected);
  });

  it("takes the package.json nearest the file in a monorepo, and reads test files' imports when no manifest says", () => {
    const files = { "package.json": pkg({ devDependencies: { jest: "^29" } }), "packages/api/package.json": pkg({ devDependencies: { vitest: "^3" } }) };
    expect(detect("typescript", files, "packages/api/src/money.ts")).toBe("vitest");
    expect(detect("typescript", files, "packages/web/src/money.ts")).toBe("jest");
    expect(detect("javascript", { "test/a.test.js": 'import test from "node:test";\n' })).toBe("node:test");
    expect(detect("typescript", { "package.json": "{ not json", "test/a.test.ts": 'import { it } from "vitest";\n' })).toBe("vitest");
  });
});

describe("detectTestFramework for other languages", () => {
  it.each([
    ["python", { "pyproject.toml": '[project.optional-dependencies]\ntest = ["pytest>=8"]\n' }, "pytest"],
    ["python", { "requirements-dev.txt": "black\npytest==8.1\n" }, "pytest"],
    ["python", { "setup.cfg": "[tool:pytest]\naddopts = -q\n" }, "pytest"],
    ["python", { "tests/test_a.py": "import unittest\n\nclass T(unittest.TestCase):\n    pass\n" }, "unittest"],
    ["python", { "requirements.txt": "pytest-cov==5.0\n" }, "pytest"],
    ["python", { "requirements.txt": "requests\n" }, null],
    ["java", { "pom.xml": "<artifactId>junit-jupiter</artifactId>" }, "junit"],
    ["kotlin", { "build.gradle.kts": 'testImplementation("io.kotest:kotest-runner-junit5:5.9.0")' }, "kotest"],
    ["kotlin", { "build.gradle.kts": 'testImplementation(kotlin("test"))' }, "junit"],
    ["java", { "build.gradle": 'testImplementation "io.kotest:kotest-runner-junit5"\ntest { useJUnitPlatform() }' }, "junit"],
    ["csharp", { "tests/A.Tests/A.Tests.csproj": '<PackageReference Include="xunit" Version="2.9.0" />' }, "xunit"],
    ["csharp", { "tests/A.Tests/A.Tests.csproj": '<PackageReference Include="NUnit" Version="4.1.0" />' }, "nunit"],
    ["csharp", { "tests/A.Tests/A.Tests.csproj": '<PackageReference Include="MSTest.TestFramework" Version="3.4.0" />' }, "mstest"],
    ["csharp", { "src/A/A.csproj": '<PackageReference Include="Serilog" />' }, null],
    ["go", {}, "go-testing"],
  ] as const)("%s %j → %s", (language, files, expected) => {
    expect(detect(language, files)).toBe(expected);
  });
});

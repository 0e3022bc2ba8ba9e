// Committed secrets are found whatever the file's language: every planted
// shape, written the way Java, Kotlin, C#, Python and Go declare constants
// (typed declarations, struct and map literals, property setters), goes
// through the analysis and the redaction pass, and each line that commits one
// gets the committed-secret finding while the value never survives.

import { describe, expect, it } from "vitest";

import { analyzeFile } from "../../src/analysis/analyze-file.js";
import { parseFileDiff } from "../../src/diff/parse-file-diff.js";
import { COMMITTED_SECRET_SOURCE, redactChange } from "../../src/review/redact-change.js";
import { fakeString, plantedSecrets } from "../helpers/fake-secrets.js";

interface Declared {
  kind: string;
  value: string;
  name: string;
  /** The literal as written: the secret alone, or inside a URL or connection string. */
  literal: string;
}

/** Name and literal of each planted secret, from its TypeScript line `  name: "literal",`. */
const DECLARED: Declared[] = plantedSecrets().map(({ kind, value, line }) => {
  const [, name = "", literal = ""] = /^\s*(\w+): "(.*)",$/.exec(line) ?? [];
  return { kind, value, name, literal };
});

/** Values that only their name marks as secret (no issued shape), in each language's own idioms. */
const guessed = (seed: number) => fakeString(seed, 32);

const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split("_");
const upperSnake = (name: string) => words(name).join("_").toUpperCase();
const snake = (name: string) => words(name).join("_");
const pascal = (name: string) => words(name).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");

interface LanguageCase {
  path: string;
  head: string[];
  declare: (secret: Declared) => string;
  tail: string[];
  /** Further idioms with a secret-assignment value, one a line. */
  idioms: { line: string; value: string }[];
}

const CASES: Record<string, LanguageCase> = {
  java: {
    path: "src/main/java/com/acme/Settings.java",
    head: ["package com.acme;", "", "public final class Settings {"],
    declare: (secret) => `    private static final String ${upperSnake(secret.name)} = "${secret.literal}";`,
    tail: ["}"],
    idioms: [
      { line: `    static { System.setProperty("javax.net.ssl.keyStorePassword", "${guessed(101)}"); }`, value: guessed(101) },
      { line: `    static final Map<String, String> AUTH = Map.of("client_secret", "${guessed(102)}");`, value: guessed(102) },
    ],
  },
  kotlin: {
    path: "src/main/kotlin/com/acme/Settings.kt",
    head: ["package com.acme", "", "object Settings {"],
    declare: (secret) => `    val ${secret.name}: String = "${secret.literal}"`,
    tail: ["}"],
    idioms: [
      { line: `    const val API_TOKEN = "${guessed(103)}"`, value: guessed(103) },
      { line: `    val auth = mapOf("clientSecret" to "${guessed(104)}")`, value: guessed(104) },
    ],
  },
  csharp: {
    path: "src/Acme.Payments/Settings.cs",
    head: ["namespace Acme.Payments;", "", "public static class Settings", "{"],
    declare: (secret) => `    private const string ${pascal(secret.name)} = "${secret.literal}";`,
    tail: ["}"],
    idioms: [
      { line: `    public static readonly Dictionary<string, string> Auth = new() { ["ClientSecret"] = "${guessed(105)}" };`, value: guessed(105) },
      { line: `    public static string ApiToken { get; } = @"${guessed(106)}";`, value: guessed(106) },
    ],
  },
  python: {
    path: "acme/settings.py",
    head: ["import os", ""],
    declare: (secret) => `${snake(secret.name)}: str = "${secret.literal}"`,
    tail: [""],
    idioms: [
      { line: `os.environ["API_TOKEN"] = "${guessed(107)}"`, value: guessed(107) },
      { line: `client = connect(host="db", password="${guessed(108)}")`, value: guessed(108) },
    ],
  },
  go: {
    path: "internal/settings/settings.go",
    head: ["package settings", "", "var Default = Settings{"],
    declare: (secret) => `\t${pascal(secret.name)}: "${secret.literal}",`,
    tail: ["}"],
    idioms: [
      { line: `var apiToken string = "${guessed(109)}"`, value: guessed(109) },
      { line: `func init() { os.Setenv("CLIENT_SECRET", \`${guessed(110)}\`) }`, value: guessed(110) },
    ],
  },
};

function reviewAdded(path: string, lines: string[]) {
  const patch = `@@ -0,0 +1,${lines.length} @@\n${lines.map((line) => `+${line}`).join("\n")}`;
  const diff = parseFileDiff({ path, status: "added", additions: lines.length, deletions: 0, patch });
  return redactChange([analyzeFile(diff, `${lines.join("\n")}\n`)]);
}

describe.each(Object.entries(CASES))("committed secrets in %s", (language, { path, head, declare, tail, idioms }) => {
  const declared = DECLARED.map((secret) => ({ ...secret, line: declare(secret) }));
  const planted = [...declared, ...idioms.map(({ line, value }) => ({ kind: "secret-assignment", value, line }))];
  const lines = [...head, ...planted.map((secret) => secret.line), ...tail];
  const { analyses, findings } = reviewAdded(path, lines);
  const redactedLines = analyses[0]!.diff.hunks.flatMap((hunk) => hunk.lines);

  it("the file is analysed with its own grammar", () => {
    expect(analyses[0]!.language).toBe(language);
  });

  it.each(planted.map((secret) => [secret.kind, secret.line.trim().slice(0, 60), secret] as const))("%s: %s…", (kind, _shown, secret) => {
    const lineNumber = lines.indexOf(secret.line) + 1;
    const redacted = redactedLines.find((line) => line.newLine === lineNumber)!;
    expect(redacted.text).not.toContain(secret.value);
    expect(redacted.text).toContain(`[REDACTED:${kind}]`);
    expect(findings.filter((finding) => finding.line === lineNumber).map((finding) => finding.source)).toEqual([COMMITTED_SECRET_SOURCE]);
  });

  it("reports nothing on the lines without a secret", () => {
    const secretLines = new Set(planted.map((secret) => lines.indexOf(secret.line) + 1));
    expect(findings.filter((finding) => !secretLines.has(finding.line))).toEqual([]);
  });
});

describe("made-up credentials in each language's test files", () => {
  const issued = DECLARED.find((secret) => secret.kind === "github-token")!;
  const TEST_FILES = [
    { path: "src/Acme.Payments.Tests/SettingsTests.cs", line: (value: string) => `    private const string ApiToken = "${value}";` },
    { path: "src/test/java/com/acme/SettingsTest.java", line: (value: string) => `    private static final String API_TOKEN = "${value}";` },
    { path: "src/test/kotlin/com/acme/SettingsTest.kt", line: (value: string) => `    val apiToken = "${value}"` },
    { path: "acme/test_settings.py", line: (value: string) => `API_TOKEN = "${value}"` },
    { path: "internal/settings/settings_test.go", line: (value: string) => `var apiToken = "${value}"` },
  ];

  it.each(TEST_FILES)("$path: a guessed secret is redacted but not reported, an issued token is reported", ({ path, line }) => {
    const guessedValue = guessed(111);
    const lines = ["// test settings", line(guessedValue), line(issued.literal)];
    const { analyses, findings } = reviewAdded(path, lines);
    const texts = analyses[0]!.diff.hunks.flatMap((hunk) => hunk.lines.map((diffLine) => diffLine.text)).join("\n");
    expect(texts).not.toContain(guessedValue);
    expect(texts).not.toContain(issued.value);
    expect(findings.map((finding) => finding.line)).toEqual([3]);
  });
});

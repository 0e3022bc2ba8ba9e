// parseRepoConfig: defaults for empty files, clear words for every kind of bad input, never a throw.

import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRepoConfigFile, parseRepoConfig } from "../../src/config/parse-repo-config.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";

describe("parseRepoConfig", () => {
  it("gives the defaults for an empty file or one with only comments", () => {
    expect(parseRepoConfig("")).toEqual({ config: DEFAULT_REPO_CONFIG });
    expect(parseRepoConfig("# nothing set yet\n\n")).toEqual({ config: DEFAULT_REPO_CONFIG });
  });

  it("reads a valid file and fills in the rest with defaults", () => {
    const parsed = parseRepoConfig(
      ["maxComments: 5", "minSeverity: major", "exclude:", "  - docs/**", "instructions: Prefer Result types."].join("\n"),
    );
    expect(parsed.error).toBeUndefined();
    expect(parsed.config).toEqual({
      ...DEFAULT_REPO_CONFIG,
      maxComments: 5,
      minSeverity: "major",
      exclude: ["docs/**"],
      instructions: "Prefer Result types.",
    });
  });

  it("reports a YAML syntax error with its line and column, and falls back to defaults", () => {
    const parsed = parseRepoConfig("enabled: true\nmaxComments: [3\nminSeverity: major\n");
    expect(parsed.config).toEqual(DEFAULT_REPO_CONFIG);
    expect(parsed.error).toMatch(/^YAML syntax error at line \d+, column \d+: \S/);
    expect(parsed.error?.match(/at line/g)).toHaveLength(1);
  });

  it("names a key of the wrong type, what it expects and what it got", () => {
    const parsed = parseRepoConfig("maxComments: ten\n");
    expect(parsed.config).toEqual(DEFAULT_REPO_CONFIG);
    expect(parsed.error).toBe('maxComments: expected a whole number between 0 and 50, got "ten"');
    expect(parseRepoConfig("enabled: yes\n").error).toBe('enabled: expected true or false, got "yes"');
    expect(parseRepoConfig("exclude: docs/**\n").error).toBe('exclude: expected a list of non-empty strings, got "docs/**"');
  });

  it("says a misspelt key is unknown and suggests the closest known key", () => {
    const parsed = parseRepoConfig("maxComment: 3\n");
    expect(parsed.config).toEqual(DEFAULT_REPO_CONFIG);
    expect(parsed.error).toBe('maxComment: unknown key; did you mean "maxComments"?');
    expect(parseRepoConfig("reviewdraft: true").error).toBe('reviewdraft: unknown key; did you mean "reviewDrafts"?');
  });

  it("lists the known keys when an unknown key is not close to any", () => {
    expect(parseRepoConfig("colour: blue").error).toMatch(/^colour: unknown key; known keys are enabled, .*instructions, reports$/);
  });

  it("names out-of-range numbers and values outside an enum", () => {
    expect(parseRepoConfig("maxComments: 99").error).toBe("maxComments: expected a whole number between 0 and 50, got 99");
    expect(parseRepoConfig("maxComments: -1").error).toBe("maxComments: expected a whole number between 0 and 50, got -1");
    expect(parseRepoConfig("maxComments: 2.5").error).toBe("maxComments: expected a whole number between 0 and 50, got 2.5");
    expect(parseRepoConfig("minSeverity: high").error).toBe('minSeverity: expected one of critical, major, minor, nit, got "high"');
    expect(parseRepoConfig(`instructions: ${"x".repeat(2001)}`).error).toBe(
      "instructions: expected text of at most 2000 characters, got text of 2001 characters",
    );
  });

  it("names each bad list item and every bad key at once", () => {
    const parsed = parseRepoConfig("include: [src/**, 3, '']\nmaxComments: ten\nmaxComent: 1\n");
    expect(parsed.config).toEqual(DEFAULT_REPO_CONFIG);
    const problems = parsed.error?.split("; ") ?? [];
    expect(problems).toContain("include[1]: expected non-empty text, got 3");
    expect(problems).toContain('include[2]: expected non-empty text, got ""');
    expect(problems).toContain('maxComments: expected a whole number between 0 and 50, got "ten"');
    expect(problems.some((problem) => problem.startsWith("maxComent: unknown key"))).toBe(true);
  });

  it("rejects a top level that is not a mapping", () => {
    expect(parseRepoConfig("- a\n- b\n").error).toMatch(/expected a mapping of settings.*got a list \(2 items\)/);
    expect(parseRepoConfig("just words").error).toMatch(/expected a mapping of settings.*got "just words"/);
  });

  it("never throws, whatever the text", () => {
    const nasty = ["a: &a [*a, *a]", "\u0000\u0001", "? [a]\n: b", "!!binary xyz", "x: !!js/function 'f'", "a:\n  - b\n - c", "---\n---\n"];
    for (const text of nasty) {
      const parsed = parseRepoConfig(text);
      expect(parsed.config).toEqual(DEFAULT_REPO_CONFIG);
      expect(typeof parsed.error).toBe("string");
    }
  });
});

describe("loadRepoConfigFile", () => {
  it("reads a file and prefixes errors with its path", async () => {
    const dir = await mkdtemp(join(tmpdir(), "foureyes-config-"));
    const good = join(dir, "good.yml");
    const bad = join(dir, "bad.yml");
    await writeFile(good, "maxComments: 3\n");
    await writeFile(bad, "maxComments: lots\n");
    expect(await loadRepoConfigFile(good)).toEqual({ config: { ...DEFAULT_REPO_CONFIG, maxComments: 3 } });
    expect((await loadRepoConfigFile(bad)).error).toBe(`${bad}: maxComments: expected a whole number between 0 and 50, got "lots"`);
    const missing = await loadRepoConfigFile(join(dir, "missing.yml"));
    expect(missing.config).toEqual(DEFAULT_REPO_CONFIG);
    expect(missing.error).toBe(`cannot read config file ${join(dir, "missing.yml")}: no such file`);
  });
});

describe("parseRepoConfig: reports section", () => {
  it("defaults the report settings and names a bad nested key", () => {
    expect(parseRepoConfig("").config.reports).toMatchObject({ people: "pseudonymous", timezone: "Europe/Berlin", cron: "0 7 * * 1" });
    const { config, error } = parseRepoConfig("reports:\n  people: everyone\n");
    expect(error).toMatch(/^reports\.people: /);
    expect(config.reports.people).toBe("pseudonymous");
  });

  it("suggests the nearest key for a misspelt nested key", () => {
    expect(parseRepoConfig("reports:\n  peple: named\n").error).toBe('reports.peple: unknown key; did you mean "people"?');
  });
});

// parseRepoConfig: defaults for empty files, clear words for every kind of bad input, never a throw;
// one bad key costs only that key, an unreadable opt-out takes the safe side, an unreadable file halts.

import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { loadRepoConfigFile, parseRepoConfig } from "../../src/config/parse-repo-config.js";
import { DEFAULT_REPO_CONFIG, repoConfigSchema } from "../../src/config/repo-config.js";

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

  it("reports a YAML syntax error with its line and column, and halts", () => {
    const parsed = parseRepoConfig("enabled: true\nmaxComments: [3\nminSeverity: major\n");
    expect(parsed.halted).toBe(true);
    expect(parsed.config).toEqual({ ...DEFAULT_REPO_CONFIG, enabled: false, reports: { ...DEFAULT_REPO_CONFIG.reports, enabled: false } });
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
    expect(parsed.error).toBe("maxComment: unknown key (did you mean maxComments?)");
    expect(parseRepoConfig("reviewdraft: true").error).toBe("reviewdraft: unknown key (did you mean reviewDrafts?)");
  });

  it("lists the known keys when an unknown key is not close to any", () => {
    expect(parseRepoConfig("colour: blue").error).toMatch(/^colour: unknown key \(known keys: enabled, .*instructions, reports\b.*\)$/);
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
    expect(parsed.config).toEqual({ ...DEFAULT_REPO_CONFIG, include: ["src/**"] });
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

  it("never throws, whatever the text, and never turns anything on that a readable file could have turned off", () => {
    const nasty = ["a: &a [*a, *a]", "\u0000\u0001", "? [a]\n: b", "!!binary xyz", "x: !!js/function 'f'", "a:\n  - b\n - c", "---\n---\n"];
    for (const text of nasty) {
      const parsed = parseRepoConfig(text);
      expect(typeof parsed.error).toBe("string");
      expect(repoConfigSchema.safeParse(parsed.config).success).toBe(true);
      if (parsed.halted) expect([parsed.config.enabled, parsed.config.reports.enabled]).toEqual([false, false]);
      else expect(parsed.config).toEqual(DEFAULT_REPO_CONFIG);
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
    expect(missing.halted).toBe(true);
    expect(missing.error).toBe(`cannot read config file ${join(dir, "missing.yml")}: no such file`);
  });
});

describe("parseRepoConfig: reports section", () => {
  it("defaults the report settings and names a bad nested key", () => {
    expect(parseRepoConfig("").config.reports).toMatchObject({ people: "pseudonymous", timezone: "Europe/Berlin", cron: "0 7 * * 1" });
    const { config, error } = parseRepoConfig("reports:\n  people: everyone\n");
    expect(error).toMatch(/^reports\.people: /);
    expect(config.reports.people).toBe("aggregate"); // an unreadable people mode shows no one
  });

  it("suggests the nearest key for a misspelt nested key", () => {
    expect(parseRepoConfig("reports:\n  peple: named\n").error).toBe(
      "reports.peple: unknown key (did you mean people?), so people appear as aggregate figures only until this is fixed",
    );
  });
});

describe("parseRepoConfig: one bad key costs only that key", () => {
  it("keeps `enabled: false` when another key is misspelt", () => {
    const parsed = parseRepoConfig("enabled: false\nmaxComents: 3\n");
    expect(parsed.config.enabled).toBe(false);
    expect(parsed.error).toBe("maxComents: unknown key (did you mean maxComments?)");
    expect(parsed.halted).toBeUndefined();
  });

  it("keeps every valid key and defaults only the invalid one", () => {
    const parsed = parseRepoConfig("exclude: [secrets/**]\nmaxComments: ten\nminSeverity: major\n");
    expect(parsed.config).toEqual({ ...DEFAULT_REPO_CONFIG, exclude: ["secrets/**"], minSeverity: "major" });
    expect(parsed.error).toBe('maxComments: expected a whole number between 0 and 50, got "ten"');
  });

  it("keeps the valid items of a list and names the invalid ones", () => {
    const parsed = parseRepoConfig("exclude: [secrets/**, 3, '']\n");
    expect(parsed.config.exclude).toEqual(["secrets/**"]);
    expect(parsed.error).toBe('exclude[1]: expected non-empty text, got 3; exclude[2]: expected non-empty text, got ""');
  });

  it("validates the reports section key by key, down to the rubber-stamp thresholds", () => {
    const parsed = parseRepoConfig(
      ["reports:", "  people: aggregate", "  peeple: x", "  timezone: Mars/Olympus", "  rubberStamp:", "    minChangedLines: 100", "    maxMinutes: 3"].join("\n"),
    );
    expect(parsed.config.reports).toMatchObject({ people: "aggregate", timezone: "Europe/Berlin", rubberStamp: { minChangedLines: 100, maxMinutesAfterRequest: 5 } });
    expect(parsed.error?.split("; ")).toEqual([
      expect.stringMatching(/^reports\.peeple: unknown key \(did you mean people\?\)/),
      'reports.timezone: timezone must be an IANA time zone name such as Europe/Berlin (got "Mars/Olympus")',
      "reports.rubberStamp.maxMinutes: unknown key (did you mean maxMinutesAfterRequest?)",
    ]);
  });

  it("tells a file that still sets the retired `reports.retentionDays` that it does nothing", () => {
    const parsed = parseRepoConfig("reports:\n  retentionDays: 30\n  people: named\n");
    expect(parsed.config.reports.people).toBe("named");
    expect(parsed.error).toBe("reports.retentionDays: no longer a setting: how long the review-load record is kept is the server's decision");
  });

  it("keeps `reports.enabled: false` beside an invalid report setting", () => {
    const parsed = parseRepoConfig("reports:\n  enabled: false\n  cron: daily\n");
    expect(parsed.config.reports.enabled).toBe(false);
    expect(parsed.error).toMatch(/^reports\.cron: cron must have five fields/);
  });
});

describe("parseRepoConfig: an unreadable opt-out takes the safe side", () => {
  it("halts everything when `enabled` (or a near miss of it) cannot be read", () => {
    for (const text of ["enabled: no\n", "enabled: 'false'\n", "enabeld: false\n"]) {
      const parsed = parseRepoConfig(text);
      expect(parsed.halted, text).toBe(true);
      expect(parsed.config.enabled).toBe(false);
      expect(parsed.config.reports.enabled).toBe(false);
    }
    expect(parseRepoConfig("enabled: no\n").error).toBe('enabled: expected true or false, got "no"');
  });

  it("turns reports off when `reports`, `reports.enabled` or `reports.targetRepository` cannot be read", () => {
    const cases: [string, RegExp][] = [
      ["reports: false\n", /^reports: expected a mapping of settings, got false, so reports are off until this is fixed$/],
      ["reports:\n  enabled: nope\n", /^reports\.enabled: expected true or false, got "nope", so reports are off until this is fixed$/],
      ["reports:\n  enabeld: false\n", /^reports\.enabeld: unknown key \(did you mean enabled\?\), so reports are off until this is fixed$/],
      ["reports:\n  targetRepository: leads only\n", /^reports\.targetRepository: .*, so reports are off until this is fixed$/],
    ];
    for (const [text, error] of cases) {
      const parsed = parseRepoConfig(text);
      expect(parsed.config.reports.enabled, text).toBe(false);
      expect(parsed.config.enabled, text).toBe(true);
      expect(parsed.halted, text).toBeUndefined();
      expect(parsed.error, text).toMatch(error);
    }
  });

  it("shows people as aggregate figures when `reports.people` cannot be read", () => {
    for (const text of ["reports:\n  people: anonymous\n", "reports:\n  people: named\n  peeple: named\n"]) {
      const parsed = parseRepoConfig(text);
      expect(parsed.config.reports.people, text).toBe("aggregate");
      expect(parsed.error, text).toMatch(/, so people appear as aggregate figures only until this is fixed$/);
    }
  });
});

describe("parseRepoConfig: a file that cannot be read as settings halts foureyes", () => {
  it("halts on a YAML syntax error, a duplicate key, a top level that is not a mapping, and an unreadable file", async () => {
    for (const text of ["enabled: false\nmaxComments: [3\n", "enabled: false\nenabled: true\n", "- enabled: false\n", "just words"]) {
      const parsed = parseRepoConfig(text);
      expect(parsed.halted, text).toBe(true);
      expect(parsed.config.enabled, text).toBe(false);
      expect(parsed.config.reports.enabled, text).toBe(false);
      expect(parsed.error, text).toBeTruthy();
    }
    const dir = await mkdtemp(join(tmpdir(), "foureyes-config-"));
    expect((await loadRepoConfigFile(join(dir, "missing.yml"))).halted).toBe(true);
  });
});

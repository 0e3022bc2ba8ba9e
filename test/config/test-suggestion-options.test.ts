// The repository's `tests` settings: suggestions on by default (three per
// review), switched off by `tests.suggest: false`, a bad value named with its key.

import { describe, expect, it } from "vitest";

import { parseRepoConfig } from "../../src/config/parse-repo-config.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";

describe("tests settings", () => {
  it("suggest up to three tests per review by default", () => {
    expect(DEFAULT_REPO_CONFIG.tests).toEqual({ suggest: true, maxSuggestions: 3 });
  });

  it("are switched off or bounded by the repository", () => {
    expect(parseRepoConfig("tests:\n  suggest: false\n")).toEqual({ config: { ...DEFAULT_REPO_CONFIG, tests: { suggest: false, maxSuggestions: 3 } } });
    expect(parseRepoConfig("tests:\n  maxSuggestions: 1\n").config.tests).toEqual({ suggest: true, maxSuggestions: 1 });
  });

  it("name a bad value by its key and keep the rest", () => {
    const parsed = parseRepoConfig("tests:\n  suggest: false\n  maxSuggestions: 50\n");
    expect(parsed.error).toMatch(/^tests\.maxSuggestions: /);
    expect(parsed.config.tests).toEqual({ suggest: false, maxSuggestions: 3 });
    expect(parseRepoConfig("tests:\n  sugest: false\n").error).toBe("tests.sugest: unknown key (did you mean suggest?)");
  });
});

// The `rules:` section of .github/foureyes.yml: which packs or rules are off,
// which severities the team overrides, and whether custom packs are read.

import { describe, expect, it } from "vitest";

import { parseRepoConfig } from "../../src/config/parse-repo-config.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";

describe("the rules section of the repo config", () => {
  it("is off-nothing by default: every shipped rule runs at its own severity, no custom packs", () => {
    expect(DEFAULT_REPO_CONFIG.rules).toEqual({ disable: [], severity: {}, custom: false });
  });

  it("reads disabled packs and rules, severity overrides and the custom switch", () => {
    const parsed = parseRepoConfig(
      ["rules:", "  disable: [console-log-in-source, python]", "  severity:", "    todo-without-ticket: nit", "  custom: true"].join("\n"),
    );
    expect(parsed.error).toBeUndefined();
    expect(parsed.config.rules).toEqual({ disable: ["console-log-in-source", "python"], severity: { "todo-without-ticket": "nit" }, custom: true });
  });

  it("names a bad severity by its rule and keeps the other overrides", () => {
    const parsed = parseRepoConfig(["rules:", "  severity:", "    todo-without-ticket: trivial", "    eval-call: critical"].join("\n"));
    expect(parsed.error).toBe("rules.severity.todo-without-ticket: expected one of critical, major, minor, nit, got \"trivial\"");
    expect(parsed.config.rules.severity).toEqual({ "eval-call": "critical" });
  });

  it("names a misspelt key of the section", () => {
    const parsed = parseRepoConfig(["rules:", "  disabled: [eval-call]"].join("\n"));
    expect(parsed.error).toBe("rules.disabled: unknown key (did you mean disable?)");
  });
});

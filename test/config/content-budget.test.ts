// FOUREYES_GITHUB_CONTENT_BUDGET: GitHub's secondary limits by default, any
// windows an operator names, and a bad value named with what to write instead.

import { describe, expect, it } from "vitest";

import { loadServerEnv } from "../../src/config/server-env.js";

describe("FOUREYES_GITHUB_CONTENT_BUDGET", () => {
  it("defaults to 80 a minute and 500 an hour", () => {
    expect(loadServerEnv({}).FOUREYES_GITHUB_CONTENT_BUDGET).toEqual([
      { limit: 80, windowMs: 60_000 },
      { limit: 500, windowMs: 3_600_000 },
    ]);
  });

  it("reads the windows an operator sets, in any unit", () => {
    expect(loadServerEnv({ FOUREYES_GITHUB_CONTENT_BUDGET: "40/1m, 300/1h,3/1500ms" }).FOUREYES_GITHUB_CONTENT_BUDGET).toEqual([
      { limit: 40, windowMs: 60_000 },
      { limit: 300, windowMs: 3_600_000 },
      { limit: 3, windowMs: 1_500 },
    ]);
  });

  it.each(["80", "80/minute", "0/1m", "80/1m;500/1h", ""])("refuses %j, naming the variable and the form it needs", (value) => {
    expect(() => loadServerEnv({ FOUREYES_GITHUB_CONTENT_BUDGET: value })).toThrow(/FOUREYES_GITHUB_CONTENT_BUDGET: ".*" is not a budget window; write COUNT\/LENGTH with a unit ms, s, m or h/);
  });
});

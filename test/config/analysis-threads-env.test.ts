// FOUREYES_ANALYSIS_THREADS: two threads unless told, 0 for none, and a value
// that is not a thread count is refused by name.
import { describe, expect, it } from "vitest";

import { loadServerEnv, reviewLimitsFrom } from "../../src/config/server-env.js";

describe("FOUREYES_ANALYSIS_THREADS", () => {
  it("gives every review two analysis threads by default, none with 0", () => {
    expect(reviewLimitsFrom(loadServerEnv({})).analysisThreads).toBe(2);
    expect(reviewLimitsFrom(loadServerEnv({ FOUREYES_ANALYSIS_THREADS: "0" })).analysisThreads).toBe(0);
  });

  it.each(["-1", "two", "1.5", "65"])("refuses %s and names the variable", (value) => {
    expect(() => loadServerEnv({ FOUREYES_ANALYSIS_THREADS: value })).toThrow(/FOUREYES_ANALYSIS_THREADS/);
  });
});

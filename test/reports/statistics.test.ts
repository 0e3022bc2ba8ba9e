import { describe, expect, it } from "vitest";

import { isAiAssisted, isCodingAgentCoAuthor } from "../../src/reports/coding-agents.js";
import { giniCoefficient } from "../../src/reports/gini-coefficient.js";
import { nearestRankPercentile } from "../../src/reports/nearest-rank-percentile.js";

describe("nearestRankPercentile", () => {
  const tenValues = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it("takes the value at rank ceil(p/100 · n)", () => {
    expect(nearestRankPercentile(tenValues, 50)).toBe(5);
    expect(nearestRankPercentile(tenValues, 90)).toBe(9);
    expect(nearestRankPercentile(tenValues, 91)).toBe(10);
    expect(nearestRankPercentile(tenValues, 100)).toBe(10);
    expect(nearestRankPercentile(tenValues, 0)).toBe(1);
    expect(nearestRankPercentile([3, 4, 100], 50)).toBe(4);
    expect(nearestRankPercentile([7], 90)).toBe(7);
  });
  it("has no value for no data", () => {
    expect(nearestRankPercentile([], 50)).toBeNull();
  });
});

describe("giniCoefficient (population formula)", () => {
  it("is 0 when everyone reviews the same amount", () => {
    expect(giniCoefficient([1, 1, 1, 1])).toBe(0);
  });
  it("is (n − 1)/n when one person does everything", () => {
    expect(giniCoefficient([0, 0, 0, 10])).toBeCloseTo(0.75, 12);
    expect(giniCoefficient([10, 0, 0, 0])).toBeCloseTo(0.75, 12);
  });
  it("matches the pairwise definition", () => {
    const values = [4, 2, 1, 1, 9, 3];
    const mean = values.reduce((a, b) => a + b) / values.length;
    let pairs = 0;
    for (const a of values) for (const b of values) pairs += Math.abs(a - b);
    expect(giniCoefficient(values)).toBeCloseTo(pairs / (2 * values.length ** 2 * mean), 12);
  });
  it("has no value without reviews", () => {
    expect(giniCoefficient([])).toBeNull();
    expect(giniCoefficient([0, 0])).toBeNull();
  });
});

describe("AI-assisted detection", () => {
  it("recognises coding-agent trailers", () => {
    for (const trailer of [
      "Claude <noreply@anthropic.com>",
      "Copilot <175728472+Copilot@users.noreply.github.com>",
      "Cursor Agent <cursoragent@cursor.com>",
      "devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
      "aider (gpt-4o) <noreply@aider.chat>",
      "Codex <codex@openai.com>",
    ]) {
      expect(isCodingAgentCoAuthor(trailer), trailer).toBe(true);
    }
  });
  it("does not flag people who share a name with an agent", () => {
    expect(isCodingAgentCoAuthor("Devin Smith <devin@acme.example>")).toBe(false);
    expect(isCodingAgentCoAuthor("Claude Monet <claude@acme.example>")).toBe(false);
  });
  it("decides bot authors by account type, not login", () => {
    expect(isAiAssisted({ author: { login: "renovate[bot]", type: "Bot" }, coAuthors: [] })).toBe(true);
    expect(isAiAssisted({ author: { login: "looks-like-a[bot]", type: "User" }, coAuthors: [] })).toBe(false);
  });
});

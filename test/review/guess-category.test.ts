// Categories guessed from a comment's words when the model gave none.

import { describe, expect, it } from "vitest";

import { guessCategory } from "../../src/review/guess-category.js";

describe("guessCategory", () => {
  it.each([
    ["User input reaches the shell unescaped: command injection.", "security"],
    ["The API token is logged in plain text.", "security"],
    ["This sorts inside the loop, quadratic on big inputs.", "performance"],
    ["No test covers the empty list.", "test"],
    ["`user` may be null here and the call throws.", "bug"],
    ["Off by one: the last element is skipped.", "bug"],
    ["Trailing whitespace and a typo in the message.", "style"],
    ["Split this function; it does three things.", "maintainability"],
    ["The author of this module should be asked.", "maintainability"],
  ] as const)("%s → %s", (text, category) => {
    expect(guessCategory(text)).toBe(category);
  });
});

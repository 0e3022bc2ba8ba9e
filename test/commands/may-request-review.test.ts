// Who may ask for a re-review: write access or more.

import { describe, expect, it } from "vitest";

import { mayRequestReview } from "../../src/commands/may-request-review.js";

describe("mayRequestReview", () => {
  it.each(["admin", "maintain", "write", "WRITE"])("%s may", (permission) => {
    expect(mayRequestReview(permission)).toBe(true);
  });

  it.each(["triage", "read", "none", "", "owner", null, undefined])("%s may not", (permission) => {
    expect(mayRequestReview(permission)).toBe(false);
  });
});

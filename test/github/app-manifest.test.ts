// app.yml asks for the least permissions that work and none a blocking or
// approving app would need.

import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as {
  default_permissions: Record<string, string>;
  default_events: string[];
  public: boolean;
};

describe("app.yml", () => {
  it("requests exactly the advisory permissions", () => {
    expect(manifest.default_permissions).toEqual({
      pull_requests: "write",
      contents: "read",
      checks: "write",
      issues: "write",
      metadata: "read",
    });
  });

  it("subscribes to the events foureyes handles and is private", () => {
    expect([...manifest.default_events].sort()).toEqual(["issue_comment", "pull_request", "pull_request_review", "pull_request_review_comment", "pull_request_review_thread"]);
    expect(manifest.public).toBe(false);
  });
});

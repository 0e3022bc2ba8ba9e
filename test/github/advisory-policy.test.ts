// The advisory-only rule: every non-advisory write is flagged with a reason,
// the writes foureyes makes pass.

import { describe, expect, it } from "vitest";
import { isAdvisoryRequest } from "../../src/github/advisory-policy.js";

const PR = "/repos/o/r/pulls/5";

describe("isAdvisoryRequest", () => {
  it.each([
    ["POST", `${PR}/reviews`, { event: "APPROVE" }, /APPROVE/],
    ["POST", `${PR}/reviews`, { event: "REQUEST_CHANGES", body: "no" }, /REQUEST_CHANGES/],
    ["POST", `${PR}/reviews`, { body: "pending" }, /pending review/],
    ["POST", `${PR}/reviews/9/events`, { event: "APPROVE" }, /APPROVE/],
    ["PUT", `${PR}/merge`, { merge_method: "squash" }, /merging/],
    ["PUT", `${PR}/reviews/9/dismissals`, { message: "x" }, /dismissing/],
    ["POST", "/repos/o/r/issues/5/labels", { labels: ["lgtm"] }, /labels/],
    ["DELETE", "/repos/o/r/issues/5/labels/lgtm", undefined, /labels/],
    ["POST", "/repos/o/r/issues/5/assignees", { assignees: ["a"] }, /assignees/],
    ["POST", `${PR}/requested_reviewers`, { reviewers: ["a"] }, /requested reviewers/],
    ["POST", `/repos/o/r/statuses/${"a".repeat(40)}`, { state: "success" }, /commit status/],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", conclusion: "success" }, /"success"/],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", conclusion: "failure" }, /"failure"/],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", conclusion: "action_required" }, /"action_required"/],
    ["PATCH", "/repos/o/r/check-runs/4", { status: "completed" }, /neutral or skipped/],
    ["PATCH", PR, { state: "closed" }, /state/],
    ["PATCH", PR, { base: "release" }, /base/],
    ["PATCH", "/repos/o/r/issues/5", { state: "closed" }, /state/],
    ["POST", "/repos/o/r/merges", { base: "main", head: "x" }, /merging/],
    ["PUT", "/repos/o/r/contents/README.md", { content: "" }, /contents/],
    ["POST", "/graphql", { query: "mutation { mergePullRequest(input: {}) { clientMutationId } }" }, /mutation/],
    ["DELETE", "/repos/o/r/pulls/comments/3", undefined, /not one of the advisory writes/],
    ["PUT", "/api/v3/repos/o/r/pulls/5/merge?x=1", {}, /merging/],
  ])("flags %s %s %j", (method, path, body, why) => {
    const verdict = isAdvisoryRequest(method, path, body);
    expect(verdict.ok).toBe(false);
    expect(verdict.why).toMatch(why);
  });

  it.each([
    ["GET", `${PR}/files?per_page=100&page=2`, undefined],
    ["POST", `${PR}/reviews`, { event: "COMMENT", commit_id: "a", body: "b", comments: [] }],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", status: "completed", conclusion: "neutral" }],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", conclusion: "skipped" }],
    ["POST", "/repos/o/r/check-runs", { name: "foureyes", head_sha: "a", status: "in_progress" }],
    ["POST", "/repos/o/r/issues/5/comments", { body: "Re-review queued." }],
    ["POST", "/repos/o/r/issues/comments/8/reactions", { content: "eyes" }],
    ["POST", "/repos/o/r/issues", { title: "Review load", body: "…" }],
    ["PATCH", "/repos/o/r/issues/12", { body: "updated report" }],
    ["POST", "/app/installations/1/access_tokens", {}],
    ["POST", "/graphql", { query: "query { viewer { login } }" }],
  ])("allows %s %s", (method, path, body) => {
    expect(isAdvisoryRequest(method, path, body)).toEqual({ ok: true });
  });
});

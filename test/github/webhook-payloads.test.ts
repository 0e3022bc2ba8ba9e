// The webhook payload helper: real examples, overrides, clear errors.

import { describe, expect, it } from "vitest";

import { webhookPayload } from "../helpers/webhook-payloads.js";

describe("webhookPayload", () => {
  it("loads a recorded pull_request.opened payload with overrides applied to a copy", () => {
    const payload = webhookPayload("pull_request", "opened", { headSha: "1".repeat(40), draft: true, userType: "Bot", number: 42 });
    expect(payload.action).toBe("opened");
    expect(payload.pull_request.head.sha).toBe("1".repeat(40));
    expect(payload.pull_request.draft).toBe(true);
    expect(payload.pull_request.user.type).toBe("Bot");
    expect(payload.number).toBe(42);
    expect(webhookPayload("pull_request", "opened").pull_request.head.sha).not.toBe("1".repeat(40));
  });

  it("overrides an issue comment's body and author type", () => {
    const payload = webhookPayload("issue_comment", "created", { commentBody: "/foureyes review", userType: "Bot" });
    expect(payload.comment.body).toBe("/foureyes review");
    expect(payload.comment.user.type).toBe("Bot");
  });

  it("names what exists when a name or action does not", () => {
    expect(() => webhookPayload("pull_request", "exploded")).toThrow(/action "exploded".*opened.*synchronize/);
    // @ts-expect-error an unknown event name
    expect(() => webhookPayload("pull_requests")).toThrow(/No webhook examples named "pull_requests".*pull_request,/);
  });
});

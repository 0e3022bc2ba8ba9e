// One app-level write joins the advisory allowlist: asking GitHub to redeliver
// a webhook it could not deliver (POST /app/hook/deliveries/{id}/attempts, no
// body). Every other write on the app's webhook (its URL, secret, content
// type) and on anyone else's hooks stays refused: changing where webhooks go
// would hand every pull request's events to someone else. Both the product's
// policy and the suite's own list agree.

import { describe, expect, it } from "vitest";

import { isAdvisoryRequest } from "../../src/github/advisory-policy.js";
import { explainNonAdvisoryRequest } from "../helpers/advisory-allowlist.js";

describe("redelivering a missed webhook", () => {
  it.each([
    ["the REST path", "/app/hook/deliveries/12345678/attempts"],
    ["GitHub Enterprise Server's /api/v3 base", "/api/v3/app/hook/deliveries/12345678/attempts"],
  ])("is allowed with no body (%s)", (_what, path) => {
    expect(isAdvisoryRequest("POST", path, undefined)).toEqual({ ok: true });
    expect(explainNonAdvisoryRequest("POST", path.replace(/^\/api\/v3/, ""), undefined)).toBeUndefined();
  });

  it.each([
    ["the webhook URL changed", "PATCH", "/app/hook/config", { url: "https://attacker.example/hook" }],
    ["the webhook secret changed", "PATCH", "/app/hook/config", { secret: "known" }],
    ["a redelivery that carries fields", "POST", "/app/hook/deliveries/1/attempts", { url: "https://attacker.example/hook" }],
    ["a redelivery with a query string", "POST", "/app/hook/deliveries/1/attempts?url=https://attacker.example", undefined],
    ["a delivery id that is not a number", "POST", "/app/hook/deliveries/abc/attempts", undefined],
    ["a repository hook's redelivery", "POST", "/repos/o/r/hooks/1/deliveries/2/attempts", undefined],
    ["an organisation hook's redelivery", "POST", "/orgs/o/hooks/1/deliveries/2/attempts", undefined],
    ["a repository hook created", "POST", "/repos/o/r/hooks", { config: { url: "https://attacker.example/hook" } }],
    ["a hook pinged", "POST", "/repos/o/r/hooks/1/pings", undefined],
    ["a delivery deleted", "DELETE", "/app/hook/deliveries/1", undefined],
    ["the app's installation suspended", "PUT", "/app/installations/1/suspended", undefined],
  ])("refuses %s", (_what, method, path, body) => {
    const verdict = isAdvisoryRequest(method, path, body);
    expect(verdict.ok).toBe(false);
    expect(verdict.why).toMatch(/not one of the advisory writes|foureyes never sends/);
    expect(explainNonAdvisoryRequest(method, path, body)).toBeDefined();
  });
});

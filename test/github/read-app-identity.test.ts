// Who foureyes is, read once at start with GET /app: the slug makes the bot
// login; credentials GitHub rejects give an error that names what to fix.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { AppIdentityError } from "../../src/github/errors.js";
import { readAppIdentity } from "../../src/github/read-app-identity.js";
import { createTestOctokit, type GitHubMock, mockGitHub } from "../helpers/github-mock.js";

let gh: GitHubMock;
beforeEach(() => {
  gh = mockGitHub();
});
afterEach(() => gh.close());

describe("readAppIdentity", () => {
  it("takes the id and slug from GET /app; the bot login is <slug>[bot]", async () => {
    gh.on("GET", "/app", [200, { id: 4242, slug: "acme-foureyes", name: "ACME foureyes", owner: { login: "acme" } }]);
    expect(await readAppIdentity(createTestOctokit(gh))).toEqual({ id: 4242, slug: "acme-foureyes", login: "acme-foureyes[bot]" });
    gh.assertDone();
  });

  it("names APP_ID and PRIVATE_KEY when GitHub rejects the app's credentials", async () => {
    gh.on("GET", "/app", [401, { message: "A JSON web token could not be decoded" }]);
    const error = await readAppIdentity(createTestOctokit(gh)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppIdentityError);
    expect((error as Error).message).toMatch(/GET \/app: GitHub answered 401.*check APP_ID and PRIVATE_KEY/);
  });

  it("refuses an answer without a slug rather than guess the account", async () => {
    gh.on("GET", "/app", [200, { id: 4242 }]);
    await expect(readAppIdentity(createTestOctokit(gh))).rejects.toThrow(/without the app's id and slug/);
  });
});

// readRepoConfig against the GitHub HTTP mock: a missing file means the
// defaults; a typo costs only its key; a file that cannot be read as settings
// (a directory, too large for the contents API) halts; other failures throw,
// so the job is retried rather than run with settings the repository did not give.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import { readRepoConfig } from "../../src/github/read-repo-config.js";
import { contentJson, createTestOctokit, type GitHubMock, mockGitHub, notFoundReply } from "../helpers/github-mock.js";

const CONFIG = /^\/repos\/acme\/shop\/contents\/\.github(\/|%2F)foureyes\.yml/;
const repository = { owner: "acme", repo: "shop" };

describe("readRepoConfig", () => {
  let gh: GitHubMock;
  beforeEach(() => {
    gh = mockGitHub();
  });
  afterEach(() => gh.close());

  it("gives the defaults when the repository has no config file", async () => {
    gh.on("GET", CONFIG, notFoundReply());
    expect(await readRepoConfig(createTestOctokit(gh), repository, "main")).toEqual({ config: DEFAULT_REPO_CONFIG, found: false });
    gh.assertDone();
  });

  it("keeps the valid keys of a file with a typo and names the typo with the file's path", async () => {
    gh.on("GET", CONFIG, [200, contentJson(".github/foureyes.yml", "enabled: false\nmaxComents: 3\n")]);
    const read = await readRepoConfig(createTestOctokit(gh), repository, "main");
    expect(read).toEqual({
      config: { ...DEFAULT_REPO_CONFIG, enabled: false },
      found: true,
      error: ".github/foureyes.yml: maxComents: unknown key (did you mean maxComments?)",
    });
  });

  it("halts when the path is a directory or the file is too large to read", async () => {
    gh.on("GET", CONFIG, [200, [{ type: "file", name: "a.yml", path: ".github/foureyes.yml/a.yml" }]]);
    gh.on("GET", CONFIG, [200, { type: "file", encoding: "none", content: "", size: 2_000_000 }]);
    const octokit = createTestOctokit(gh);
    const directory = await readRepoConfig(octokit, repository, "main");
    const large = await readRepoConfig(octokit, repository, "main");
    for (const read of [directory, large]) {
      expect(read.halted).toBe(true);
      expect([read.config.enabled, read.config.reports.enabled]).toEqual([false, false]);
    }
    expect(directory.error).toBe(".github/foureyes.yml on main is not a file");
    expect(large.error).toBe(".github/foureyes.yml on main is too large to read (2000000 bytes)");
    gh.assertDone();
  });

  it("throws on any other failure, so the job is retried instead of running without the repository's opt-outs", async () => {
    gh.on("GET", CONFIG, [403, { message: "Resource not accessible by integration" }]);
    await expect(readRepoConfig(createTestOctokit(gh), repository, "main")).rejects.toThrow(/not accessible/);
  });
});

// createLocalGitSource: what GitHub would report for the range, read with git.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLocalGitSource } from "../../src/cli/local-git-source.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import { createTempRepo, type TempRepo } from "./cli-fixtures.js";

const LONG = Array.from({ length: 40 }, (_, index) => `line ${index + 1} of a file long enough for rename detection`);
const text = (lines: string[]) => `${lines.join("\n")}\n`;

let repo: TempRepo;
let base: string;
let head: string;

beforeAll(async () => {
  repo = await createTempRepo();
  await repo.write({
    "keep.ts": "export const keep = 1;\nexport const two = 2;\n",
    "old name.ts": text(LONG),
    "gone.ts": "export const gone = true;\n",
    "image.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
    ".github/foureyes.yml": "maxComments: 4\n",
  });
  await repo.commit("base");
  base = (await repo.git("rev-parse", "HEAD")).trim();
  await repo.write({
    "keep.ts": "export const keep = 1;\nexport const two = 22;\n",
    "old name.ts": null,
    "dir/new name.ts": text([...LONG.slice(0, 20), "a changed line in the renamed file", ...LONG.slice(21)]),
    "gone.ts": null,
    "image.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 9, 9, 9]),
    "added.ts": "export const added = 1;\n",
    "noeol.ts": "no newline at the end",
    ".github/foureyes.yml": "maxComments: 40\n",
  });
  await repo.commit("Subject of the head commit\n\nFirst paragraph of the body.\n\nSecond paragraph.");
  head = (await repo.git("rev-parse", "HEAD")).trim();
});

afterAll(() => repo.remove());

describe("createLocalGitSource", () => {
  it("lists changed files with GitHub's statuses, counts and header-less patches", async () => {
    const snapshot = await createLocalGitSource({ cwd: repo.dir, base, head }).loadSnapshot();
    const byPath = new Map(snapshot.files.map((file) => [file.path, file]));
    expect([...byPath.keys()].sort()).toEqual([".github/foureyes.yml", "added.ts", "dir/new name.ts", "gone.ts", "image.png", "keep.ts", "noeol.ts"]);

    expect(byPath.get("keep.ts")).toEqual({
      path: "keep.ts",
      status: "modified",
      additions: 1,
      deletions: 1,
      patch: "@@ -1,2 +1,2 @@\n export const keep = 1;\n-export const two = 2;\n+export const two = 22;",
    });
    expect(byPath.get("dir/new name.ts")).toMatchObject({ status: "renamed", previousPath: "old name.ts", additions: 1, deletions: 1 });
    expect(byPath.get("dir/new name.ts")?.patch).toMatch(/^@@ -18,7 \+18,7 @@/);
    expect(byPath.get("gone.ts")).toEqual({ path: "gone.ts", status: "removed", additions: 0, deletions: 1, patch: "@@ -1 +0,0 @@\n-export const gone = true;" });
    expect(byPath.get("added.ts")).toMatchObject({ status: "added", additions: 1, deletions: 0, patch: "@@ -0,0 +1 @@\n+export const added = 1;" });
    expect(byPath.get("noeol.ts")?.patch).toBe("@@ -0,0 +1 @@\n+no newline at the end\n\\ No newline at end of file");
    const image = byPath.get("image.png");
    expect(image).toMatchObject({ status: "modified", additions: 0, deletions: 0 });
    expect(image?.patch).toBeUndefined();
    for (const file of snapshot.files) expect(file.patch ?? "@@ none").toMatch(/^@@ /);
  });

  it("takes title and description from the head commit, and marks the change as neither draft nor bot", async () => {
    const snapshot = await createLocalGitSource({ cwd: repo.dir, base, head }).loadSnapshot();
    expect(snapshot).toMatchObject({
      title: "Subject of the head commit",
      description: "First paragraph of the body.\n\nSecond paragraph.",
      baseSha: base,
      headSha: head,
      draft: false,
      authorIsBot: false,
      priorComments: [],
    });
    expect(snapshot.label).toContain(repo.dir);
  });

  it("reads the repo config at the base, not the head", async () => {
    const snapshot = await createLocalGitSource({ cwd: repo.dir, base, head }).loadSnapshot();
    expect(snapshot.config).toEqual({ ...DEFAULT_REPO_CONFIG, maxComments: 4 });
    expect(snapshot.configError).toBeUndefined();
  });

  it("uses defaults when the base has no config file", async () => {
    const first = await createTempRepo();
    try {
      await first.write({ "a.ts": "1\n" });
      await first.commit("one");
      await first.write({ "a.ts": "2\n" });
      await first.commit("two");
      const snapshot = await createLocalGitSource({ cwd: first.dir, base: "HEAD~1", head: "HEAD" }).loadSnapshot();
      expect(snapshot.config).toEqual(DEFAULT_REPO_CONFIG);
      expect(snapshot.configError).toBeUndefined();
    } finally {
      await first.remove();
    }
  });

  it("reads head files from the commit, and says which are absent, binary or over the size limit", async () => {
    await repo.write({ "keep.ts": "// work-tree edit that is not committed\n" });
    try {
      const source = createLocalGitSource({ cwd: repo.dir, base, head, maxHeadFileBytes: 10_000 });
      expect(await source.readHeadFile("keep.ts")).toEqual({ kind: "text", text: "export const keep = 1;\nexport const two = 22;\n" });
      expect(await source.readHeadFile("dir/new name.ts")).toMatchObject({ kind: "text", text: expect.stringContaining("a changed line in the renamed file") });
      expect(await source.readHeadFile("gone.ts")).toEqual({ kind: "absent" });
      expect(await source.readHeadFile("image.png")).toMatchObject({ kind: "skipped", reason: "binary" });
      expect(await source.readHeadFile("dir")).toEqual({ kind: "absent" });
      expect(await source.readHeadFile("dir/new name.ts".replace("new", "newer"))).toEqual({ kind: "absent" });
      const small = createLocalGitSource({ cwd: repo.dir, base, head, maxHeadFileBytes: 100 });
      expect(await small.readHeadFile("dir/new name.ts")).toMatchObject({ kind: "skipped", reason: "too-large" });
    } finally {
      await repo.git("checkout", "-q", "--", "keep.ts");
    }
  });
});

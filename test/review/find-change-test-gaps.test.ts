// The test-gap step's reads: none without a changed exported symbol; the
// head's file list from GitHub's recursive tree (a truncated one is used and
// said to be incomplete, an unreadable one leaves existing tests to the
// changed tests alone); the framework's manifest read only when listed.

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { HeadFile } from "../../src/core/head-file.js";
import { type HeadPaths, listHeadPaths } from "../../src/github/list-head-paths.js";
import { findChangeTestGaps } from "../../src/review/find-change-test-gaps.js";
import type { ReviewSource } from "../../src/review/ports.js";
import { plantedGaps } from "../analysis/test-gaps/gaps-of.js";
import { analyzeAdded } from "../helpers/declarations-of.js";
import { createTestOctokit, type GitHubMock, mockGitHub } from "../helpers/github-mock.js";

const MONEY = "export function add(a: number, b: number): number {\n  return a + b;\n}\n\nfunction round(x: number) {\n  return x;\n}\n";
const SHA = "a".repeat(40);

/** A source that serves `files` at the head and records what was read. */
function fakeSource(files: Record<string, string>, listing: HeadPaths | Error | undefined): ReviewSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    loadSnapshot: () => Promise.reject(new Error("not used")),
    readHeadFile(path): Promise<HeadFile> {
      reads.push(path);
      const text = files[path];
      return Promise.resolve(text === undefined ? { kind: "absent" } : { kind: "text", text });
    },
    ...(listing === undefined
      ? {}
      : {
          listHeadPaths: () => {
            reads.push("(tree)");
            return listing instanceof Error ? Promise.reject(listing) : Promise.resolve(listing);
          },
        }),
  };
}

const change = (added: number[]) => [analyzeAdded("src/money.ts", MONEY, added)];
const heads = new Map([["src/money.ts", MONEY]]);

describe("findChangeTestGaps", () => {
  it("reads nothing when no exported symbol changed", async () => {
    const source = fakeSource({}, { paths: [], truncated: false });
    expect(await findChangeTestGaps(source, change([6]), heads)).toEqual({ testGaps: [] });
    expect(source.reads).toEqual([]);
  });

  it("finds the existing test in the head's list, and the framework in the package.json the list holds", async () => {
    const files = { "package.json": '{ "devDependencies": { "jest": "^29" } }', "src/money.ts": MONEY };
    const source = fakeSource(files, { paths: ["package.json", "src/money.ts", "src/money.spec.ts", "README.md"], truncated: false });
    const { testGaps, testGapNote: note } = await findChangeTestGaps(source, change([2]), heads);
    expect(testGaps.map((gap) => [gap.symbol, gap.existingTest, gap.framework])).toEqual([["add", "src/money.spec.ts", "jest"]]);
    expect(note).toBeUndefined();
    expect(source.reads).toEqual(["(tree)", "package.json"]);
  });

  it("uses a list GitHub cut short and says the column may be incomplete", async () => {
    const source = fakeSource({}, { paths: ["src/money.ts"], truncated: true });
    const { testGaps, testGapNote: note } = await findChangeTestGaps(source, change([2]), heads);
    expect(testGaps.map((gap) => gap.existingTest)).toEqual([null]);
    expect(note).toBe("GitHub cut the repository's file list short, so an existing test file may be missing here");
  });

  it("goes on without a list when it cannot be read, or the source has none, and says so", async () => {
    for (const listing of [new Error("502 Bad Gateway"), undefined]) {
      const { testGaps, testGapNote: note } = await findChangeTestGaps(fakeSource({}, listing), change([2]), heads);
      expect(testGaps.map((gap) => gap.symbol)).toEqual(["add"]);
      expect(note).toMatch(/^the repository's file list could not be read/);
    }
  });

  it("agrees with the pure detection on the gaps themselves", async () => {
    const source = fakeSource({}, { paths: ["src/money.ts", "test/money.test.ts"], truncated: false });
    const { testGaps } = await findChangeTestGaps(source, change([2]), heads);
    const pure = plantedGaps([{ path: "src/money.ts", text: MONEY, changed: ["return a + b;"] }], ["src/money.ts", "test/money.test.ts"]);
    expect(testGaps.map(({ framework: _framework, ...gap }) => gap)).toEqual(pure.map(({ framework: _framework, ...gap }) => gap));
  });
});

describe("listHeadPaths (GitHub's recursive tree)", () => {
  let gh: GitHubMock;
  beforeEach(() => {
    gh = mockGitHub();
  });
  afterEach(() => gh.close());

  it("keeps files, not folders or submodules, and passes on GitHub's truncated flag", async () => {
    const tree = [
      { path: "src", type: "tree" },
      { path: "src/money.ts", type: "blob" },
      { path: "vendor/lib", type: "commit" },
    ];
    gh.on("GET", `/repos/o/r/git/trees/${SHA}?recursive=1`, [200, { sha: SHA, truncated: true, tree }]);
    expect(await listHeadPaths(createTestOctokit(gh), { owner: "o", repo: "r" }, SHA)).toEqual({ paths: ["src/money.ts"], truncated: true });
    gh.assertDone();
  });
});

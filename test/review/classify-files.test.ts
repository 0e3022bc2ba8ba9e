// classifyFiles: path- and metadata-based skips, config globs and the file limit.

import { describe, expect, it } from "vitest";

import { DEFAULT_REPO_CONFIG, type RepoConfig } from "../../src/config/repo-config.js";
import type { ReviewLimits } from "../../src/config/server-env.js";
import type { ChangedFile } from "../../src/core/diff.js";
import { classifyFiles } from "../../src/review/classify-files.js";
import { corpusChangedFiles, loadCorpus } from "../helpers/corpus.js";

const limits: ReviewLimits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };

const file = (path: string, extra: Partial<ChangedFile> = {}): ChangedFile => ({
  path,
  status: "modified",
  additions: 1,
  deletions: 0,
  patch: "@@ -1,0 +1,1 @@\n+x",
  ...extra,
});

const config = (overrides: Partial<RepoConfig>): RepoConfig => ({ ...DEFAULT_REPO_CONFIG, ...overrides });

function reasonFor(changed: ChangedFile, repoConfig: RepoConfig = DEFAULT_REPO_CONFIG): string | null {
  const { skipped } = classifyFiles([changed], repoConfig, limits);
  return skipped[0]?.reason ?? null;
}

describe("classifyFiles", () => {
  it("reviews ordinary source files", () => {
    const files = [file("src/index.ts"), file("README.md"), file(".github/workflows/ci.yml"), file("src/build-info.ts")];
    expect(classifyFiles(files, DEFAULT_REPO_CONFIG, limits)).toEqual({ reviewable: files, skipped: [] });
  });

  it.each([
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "bun.lockb",
    "Cargo.lock",
    "poetry.lock",
    "Gemfile.lock",
    "composer.lock",
    "go.sum",
    "packages/web/package-lock.json",
  ])("skips the lockfile %s", (path) => {
    const { skipped } = classifyFiles([file(path)], DEFAULT_REPO_CONFIG, limits);
    expect(skipped).toEqual([{ path, reason: "lockfile", detail: expect.stringMatching(/^lockfile/) }]);
    // The path is listed beside it already: the detail says what changed, not the file's name again.
    expect(skipped[0]?.detail).not.toContain(path.split("/").pop());
  });

  it("names the dependencies a lockfile's diff moved", () => {
    const patch = ["@@ -8,3 +8,3 @@", '     "node_modules/lodash": {', '-      "version": "4.17.20",', '+      "version": "4.17.21",'].join("\n");
    const { skipped } = classifyFiles([file("package-lock.json", { patch })], DEFAULT_REPO_CONFIG, limits);
    expect(skipped).toEqual([
      { path: "package-lock.json", reason: "lockfile", detail: "lockfile — 1 bumped", dependencyChanges: [{ name: "lodash", from: "4.17.20", to: "4.17.21" }] },
    ]);
  });

  it.each([
    ["dist/index.js", "generated"],
    ["packages/core/dist/types.d.ts", "generated"],
    ["build/output.js", "generated"],
    ["src/__snapshots__/view.test.ts.snap", "generated"],
    ["api/service.pb.go", "generated"],
    ["api/service_pb2.py", "generated"],
    ["public/app.min.js", "minified"],
    ["public/site.min.css", "minified"],
    ["public/app.js.map", "source-map"],
    ["vendor/github.com/pkg/errors/errors.go", "vendored"],
    ["node_modules/left-pad/index.js", "vendored"],
    ["third_party/zlib/zlib.h", "vendored"],
    ["docs/logo.png", "binary"],
    ["assets/fonts/Inter.woff2", "binary"],
    ["release/app.zip", "binary"],
    ["docs/manual.pdf", "binary"],
  ])("skips %s as %s", (path, reason) => {
    expect(reasonFor(file(path))).toBe(reason);
  });

  it("gives every skip a human detail", () => {
    const paths = ["yarn.lock", "dist/a.js", "a.min.js", "a.map", "vendor/a.go", "a.png"];
    const { skipped } = classifyFiles(paths.map((path) => file(path)), DEFAULT_REPO_CONFIG, limits);
    expect(skipped).toHaveLength(paths.length);
    for (const skip of skipped) expect(skip.detail).toMatch(/\w{4,}/);
  });

  it("skips removed files: nothing to comment on in the new version", () => {
    expect(classifyFiles([file("src/gone.ts", { status: "removed", additions: 0, deletions: 9 })], DEFAULT_REPO_CONFIG, limits).skipped).toEqual([
      { path: "src/gone.ts", reason: "removed", detail: expect.stringContaining("removed") },
    ]);
  });

  it("skips files GitHub sent without a patch (binary or too large)", () => {
    const tooLarge = file("src/huge.ts", { additions: 5000, deletions: 3, patch: undefined });
    const binary = file("assets/blob.dat2", { additions: 0, deletions: 0, patch: undefined });
    const { skipped } = classifyFiles([tooLarge, binary], DEFAULT_REPO_CONFIG, limits);
    expect(skipped.map((skip) => [skip.path, skip.reason])).toEqual([
      ["src/huge.ts", "no-patch"],
      ["assets/blob.dat2", "no-patch"],
    ]);
    expect(skipped[0]?.detail).toMatch(/no diff/);
  });

  it("keeps a pure rename reviewable (it simply has no lines to comment on)", () => {
    const renamed = file("src/b.ts", { previousPath: "src/a.ts", status: "renamed", additions: 0, deletions: 0, patch: undefined });
    expect(classifyFiles([renamed], DEFAULT_REPO_CONFIG, limits).reviewable).toEqual([renamed]);
  });

  it("applies the repo's exclude globs, dot files included", () => {
    const repoConfig = config({ exclude: ["docs/**", "*.test.ts", ".github/**"] });
    const files = [file("docs/guide.md"), file("src/a.test.ts"), file(".github/workflows/ci.yml"), file("src/a.ts")];
    const { reviewable, skipped } = classifyFiles(files, repoConfig, limits);
    expect(reviewable.map((changed) => changed.path)).toEqual(["src/a.ts"]);
    expect(skipped.map((skip) => [skip.path, skip.reason])).toEqual([
      ["docs/guide.md", "excluded-by-config"],
      ["src/a.test.ts", "excluded-by-config"],
      [".github/workflows/ci.yml", "excluded-by-config"],
    ]);
    expect(skipped[0]?.detail).toMatch(/exclude/);
  });

  it("reviews only files matching the include globs when there are any", () => {
    const repoConfig = config({ include: ["src/**", "*.sql"] });
    const files = [file("src/a.ts"), file("db/migrations/001.sql"), file("scripts/release.sh"), file(".eslintrc.js")];
    const { reviewable, skipped } = classifyFiles(files, repoConfig, limits);
    expect(reviewable.map((changed) => changed.path)).toEqual(["src/a.ts", "db/migrations/001.sql"]);
    expect(skipped.map((skip) => [skip.path, skip.reason])).toEqual([
      ["scripts/release.sh", "excluded-by-config"],
      [".eslintrc.js", "excluded-by-config"],
    ]);
    expect(skipped[0]?.detail).toMatch(/include/);
  });

  it("lets exclude win over include", () => {
    expect(reasonFor(file("src/generated-api.ts"), config({ include: ["src/**"], exclude: ["src/generated-*"] }))).toBe("excluded-by-config");
  });

  it("skips reviewable files past the file limit, in order, without counting other skips", () => {
    const files = [file("yarn.lock"), file("a.ts"), file("b.ts"), file("logo.png"), file("c.ts"), file("d.ts")];
    const { reviewable, skipped } = classifyFiles(files, DEFAULT_REPO_CONFIG, { ...limits, maxFiles: 2 });
    expect(reviewable.map((changed) => changed.path)).toEqual(["a.ts", "b.ts"]);
    expect(skipped.map((skip) => [skip.path, skip.reason])).toEqual([
      ["yarn.lock", "lockfile"],
      ["logo.png", "binary"],
      ["c.ts", "over-file-limit"],
      ["d.ts", "over-file-limit"],
    ]);
    expect(skipped[2]?.detail).toMatch(/2 files/);
  });

  it("on the corpus, skips the lockfiles and removed files and keeps the TypeScript", () => {
    const files = loadCorpus().flatMap((pr) => corpusChangedFiles(pr));
    const { reviewable, skipped } = classifyFiles(files, DEFAULT_REPO_CONFIG, { ...limits, maxFiles: 10_000 });
    expect(skipped.filter((skip) => skip.reason === "lockfile").map((skip) => skip.path)).toContain("bun.lock");
    expect(skipped.filter((skip) => skip.reason === "removed")).toHaveLength(files.filter((changed) => changed.status === "removed").length);
    expect(reviewable.filter((changed) => changed.path.endsWith(".ts")).length).toBeGreaterThan(150);
  });
});

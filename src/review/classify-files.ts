// Decides from paths and GitHub's metadata alone which changed files are worth
// a review: secret-bearing files (`.env`, keys, keystores, credentials) first,
// then lockfiles, generated, vendored, binary, removed and patch-less files are
// skipped, the repo's include/exclude globs apply, and files past the
// server's file limit are listed instead of reviewed. No file contents needed.

import picomatch from "picomatch";

import type { RepoConfig } from "../config/repo-config.js";
import type { ReviewLimits } from "../config/server-env.js";
import type { ChangedFile } from "../core/diff.js";
import { SECRET_FILE_GLOBS } from "../secrets/secret-file-names.js";
import { describeLockfileChange } from "./describe-lockfile-change.js";
import type { SkippedFile, SkipReason } from "./types.js";

/** Lockfiles by file name: machine-written, reviewed through the manifest that changed them. */
const LOCKFILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lock",
  "bun.lockb",
  "deno.lock",
  "Cargo.lock",
  "poetry.lock",
  "Pipfile.lock",
  "pdm.lock",
  "uv.lock",
  "Gemfile.lock",
  "composer.lock",
  "go.sum",
  "go.work.sum",
  "Podfile.lock",
  "Package.resolved",
  "pubspec.lock",
  "mix.lock",
  "flake.lock",
  "gradle.lockfile",
  "packages.lock.json",
  "conan.lock",
]);

interface PathRule {
  reason: SkipReason;
  detail: string;
  test: (path: string) => boolean;
}

/**
 * A matcher for globs as .gitignore reads them: a glob with a slash matches the
 * whole path, one without (`*.snap`) matches the file name in any folder. Dot
 * files and folders (`.github/`) match like any other.
 */
function matchGlobs(globs: readonly string[]): (path: string) => boolean {
  const withSlash = globs.filter((glob) => glob.includes("/"));
  const nameOnly = globs.filter((glob) => !glob.includes("/"));
  const matchPath = withSlash.length > 0 ? picomatch(withSlash, { dot: true }) : null;
  const matchName = nameOnly.length > 0 ? picomatch(nameOnly, { dot: true }) : null;
  return (path) => (matchPath?.(path) ?? false) || (matchName?.(path.slice(path.lastIndexOf("/") + 1)) ?? false);
}

const rule = (reason: SkipReason, detail: string, globs: string[]): PathRule => ({ reason, detail, test: matchGlobs(globs) });

/** Checked in order; the first that matches names the reason. */
const PATH_RULES: PathRule[] = [
  rule("vendored", "vendored dependency", [
    "**/vendor/**",
    "**/node_modules/**",
    "**/third_party/**",
    "**/third-party/**",
    "**/bower_components/**",
    "**/Pods/**",
  ]),
  rule("source-map", "source map", ["*.map"]),
  rule("minified", "minified file", ["*.min.js", "*.min.mjs", "*.min.cjs", "*.min.css", "*-min.js"]),
  rule("generated", "generated output folder", [
    "**/dist/**",
    "**/build/**",
    "**/.next/**",
    "**/.nuxt/**",
    "**/.svelte-kit/**",
    "**/coverage/**",
    "**/__generated__/**",
  ]),
  rule("generated", "generated file", [
    "*.snap",
    "*.pb.go",
    "*.pb.gw.go",
    "*_pb2.py",
    "*_pb2.pyi",
    "*_pb2_grpc.py",
    "*_pb.js",
    "*_pb.d.ts",
    "*_grpc_pb.js",
    "*.pb.h",
    "*.pb.cc",
    "*.g.dart",
    "*.freezed.dart",
    "*.generated.*",
    "*.gen.go",
    "*.designer.cs",
    "zz_generated.*.go",
  ]),
  rule("binary", "binary file", [
    "*.{png,jpg,jpeg,gif,webp,bmp,ico,icns,tif,tiff,avif,heic,psd,ai,sketch,fig}",
    "*.{woff,woff2,ttf,otf,eot}",
    "*.{zip,gz,tgz,bz2,xz,zst,7z,rar,tar,jar,war,ear,whl,gem,nupkg,apk,ipa,dmg,iso,deb,rpm}",
    "*.{pdf,doc,docx,xls,xlsx,ppt,pptx,odt,ods,odp,epub}",
    "*.{mp3,mp4,m4a,wav,ogg,oga,flac,aac,webm,mov,avi,mkv,wmv}",
    "*.{exe,dll,so,dylib,a,o,obj,lib,class,pyc,pyo,wasm,node,bin,dat,db,sqlite,sqlite3,pdb}",
  ]),
];

/** Secret-bearing files: skipped before anything else, so their contents are never read or sent. */
const isSecretBearing = matchGlobs(SECRET_FILE_GLOBS);
const SECRET_BEARING_DETAIL = "secret-bearing file (never read or sent to the model)";

export function classifyFiles(
  files: ChangedFile[],
  config: RepoConfig,
  limits: ReviewLimits,
): { reviewable: ChangedFile[]; skipped: SkippedFile[] } {
  const excluded = config.exclude.length > 0 ? matchGlobs(config.exclude) : null;
  const included = config.include.length > 0 ? matchGlobs(config.include) : null;
  const reviewable: ChangedFile[] = [];
  const skipped: SkippedFile[] = [];

  for (const file of files) {
    const skip = skipFor(file, excluded, included);
    if (skip) {
      skipped.push(skip);
    } else if (reviewable.length >= limits.maxFiles) {
      // The limit counts reviewable files, so lockfiles and images do not use it up.
      skipped.push({ path: file.path, reason: "over-file-limit", detail: `over the limit of ${limits.maxFiles} files per review` });
    } else {
      reviewable.push(file);
    }
  }
  return { reviewable, skipped };
}

function skipFor(
  file: ChangedFile,
  excluded: ((path: string) => boolean) | null,
  included: ((path: string) => boolean) | null,
): SkippedFile | null {
  const path = file.path;
  // A renamed `.env` still holds what it held.
  if (isSecretBearing(path) || (file.previousPath !== undefined && isSecretBearing(file.previousPath))) {
    return { path, reason: "secret-bearing", detail: SECRET_BEARING_DETAIL };
  }
  if (excluded?.(path)) return { path, reason: "excluded-by-config", detail: "matches an `exclude` glob in the repo config" };
  if (included && !included(path)) {
    return { path, reason: "excluded-by-config", detail: "matches no `include` glob in the repo config" };
  }
  if (file.status === "removed") return { path, reason: "removed", detail: "file removed; nothing to comment on in the new version" };
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (LOCKFILES.has(name)) {
    // A reviewer checks which dependencies moved anyway: name them instead of the file again.
    const { changes, detail } = describeLockfileChange(name, file.patch);
    return { path, reason: "lockfile", detail, ...(changes.length > 0 ? { dependencyChanges: changes } : {}) };
  }
  for (const pathRule of PATH_RULES) {
    if (pathRule.test(path)) return { path, reason: pathRule.reason, detail: pathRule.detail };
  }
  if (file.patch === undefined || file.patch === "") {
    // A rename or mode change without edits has no patch and nothing to review either.
    if (file.additions === 0 && file.deletions === 0 && file.status !== "modified" && file.status !== "added") return null;
    return { path, reason: "no-patch", detail: "GitHub sent no diff for this file (binary or over its size limit)" };
  }
  return null;
}

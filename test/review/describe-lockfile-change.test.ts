import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { describeLockfileChange } from "../../src/review/describe-lockfile-change.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/lockfile-diffs/${name}.diff`, import.meta.url), "utf8");

describe("describeLockfileChange", () => {
  it("reads bumped, added and removed packages from a package-lock.json v3 diff, not the project's own version", () => {
    expect(describeLockfileChange("package-lock.json", fixture("package-lock.json"))).toEqual({
      changes: [
        { name: "@octokit/rest", from: "20.0.2", to: "20.1.1" },
        { name: "lodash", from: "4.17.20", to: "4.17.21" },
        { name: "semver", to: "7.6.0" },
        { name: "undici", to: "6.21.1" },
        { name: "left-pad", from: "1.3.0" },
      ],
      detail: "lockfile — 2 bumped, 2 added, 1 removed",
    });
  });

  it("reads a yarn.lock diff (scoped names, several ranges on one entry)", () => {
    expect(describeLockfileChange("yarn.lock", fixture("yarn.lock")).changes).toEqual([
      { name: "@babel/core", from: "7.23.9", to: "7.24.0" },
      { name: "moment", to: "2.29.4" },
    ]);
  });

  it("reads a pnpm-lock.yaml v9 diff once although packages and snapshots both list it", () => {
    expect(describeLockfileChange("pnpm-lock.yaml", fixture("pnpm-lock.yaml")).changes).toEqual([
      { name: "@octokit/rest", from: "20.0.2", to: "20.1.1" },
      { name: "yaml", to: "2.4.1" },
    ]);
  });

  it("reads Cargo.lock, go.sum and Gemfile.lock diffs", () => {
    const cargo = ["@@ -801,7 +801,7 @@", " [[package]]", ' name = "serde"', '-version = "1.0.196"', '+version = "1.0.197"', ' source = "registry+https://github.com/rust-lang/crates.io-index"'];
    expect(describeLockfileChange("Cargo.lock", cargo.join("\n")).changes).toEqual([{ name: "serde", from: "1.0.196", to: "1.0.197" }]);

    const goSum = [
      "@@ -10,4 +10,4 @@",
      "-golang.org/x/net v0.17.0 h1:pVaXccu2ozPjCXewfr1S7xoo8/EAK7pSEvOGIJ1uHDs=",
      "-golang.org/x/net v0.17.0/go.mod h1:NxSsAGuq816PNPmqtQdLE42eU2Fs7NoRIZrHJAlaCOE=",
      "+golang.org/x/net v0.23.0 h1:7EYJ93RZ9vYSZAIb2x3lnuvqO5zneoD6IvWjuhfxjTs=",
      "+golang.org/x/net v0.23.0/go.mod h1:JKghWKKOSdJwpW2GEx0Ja7fmaKnMsbu+MWVZTokSYmg=",
    ];
    expect(describeLockfileChange("go.sum", goSum.join("\n")).changes).toEqual([{ name: "golang.org/x/net", from: "v0.17.0", to: "v0.23.0" }]);

    const gems = ["@@ -120,6 +120,6 @@ GEM", "     rack-test (2.1.0)", "       rack (>= 1.3)", "-    rails (7.0.8)", "+    rails (7.1.3)", "       actioncable (= 7.1.3)"];
    expect(describeLockfileChange("Gemfile.lock", gems.join("\n")).changes).toEqual([{ name: "rails", from: "7.0.8", to: "7.1.3" }]);
  });

  it("reads the lockfiles of Java, .NET, Python and PHP teams: gradle.lockfile, NuGet packages.lock.json, Pipfile.lock, composer.lock", () => {
    const gradle = [
      "@@ -12,3 +12,3 @@",
      " com.fasterxml.jackson.core:jackson-annotations:2.15.2=compileClasspath,runtimeClasspath",
      "-com.fasterxml.jackson.core:jackson-databind:2.15.2=compileClasspath,runtimeClasspath",
      "+com.fasterxml.jackson.core:jackson-databind:2.15.3=compileClasspath,runtimeClasspath",
      "+org.yaml:snakeyaml:2.2=runtimeClasspath",
      " empty=annotationProcessor",
    ];
    expect(describeLockfileChange("gradle.lockfile", gradle.join("\n")).changes).toEqual([
      { name: "com.fasterxml.jackson.core:jackson-databind", from: "2.15.2", to: "2.15.3" },
      { name: "org.yaml:snakeyaml", to: "2.2" },
    ]);

    const nuget = [
      "@@ -4,9 +4,9 @@",
      '     "net8.0": {',
      '       "Newtonsoft.Json": {',
      '         "type": "Direct",',
      '-        "requested": "[13.0.1, )",',
      '-        "resolved": "13.0.1",',
      '-        "contentHash": "ppPFpBcvxdsfUonNcvITKqLl3bqxWbDCZIzDWHzjpdAHRFfZe0Dw9HmA0+za13IdyrgJwpkDTDA9fHaxOrt20A=="',
      '+        "requested": "[13.0.3, )",',
      '+        "resolved": "13.0.3",',
      '+        "contentHash": "HrC5BXdl00IP9zeV+0Z848QWPAoCr9P3bDEZguI+gkLcBKAOxix/tLEAAHC+UvDNPv4a2d18lOReHMOagPa+zQ=="',
      "       },",
    ];
    expect(describeLockfileChange("packages.lock.json", nuget.join("\n")).changes).toEqual([{ name: "Newtonsoft.Json", from: "13.0.1", to: "13.0.3" }]);

    const pipfile = [
      "@@ -40,8 +40,8 @@",
      '         "requests": {',
      '             "hashes": [',
      '-                "sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f"',
      '+                "sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1"',
      "             ],",
      '             "index": "pypi",',
      '-            "version": "==2.31.0"',
      '+            "version": "==2.32.3"',
      "         },",
    ];
    expect(describeLockfileChange("Pipfile.lock", pipfile.join("\n")).changes).toEqual([{ name: "requests", from: "2.31.0", to: "2.32.3" }]);

    const composer = [
      "@@ -100,7 +100,7 @@",
      "         {",
      '             "name": "monolog/monolog",',
      '-            "version": "3.5.0",',
      '+            "version": "3.6.0",',
      '             "source": {',
    ];
    expect(describeLockfileChange("composer.lock", composer.join("\n")).changes).toEqual([{ name: "monolog/monolog", from: "3.5.0", to: "3.6.0" }]);
  });

  it("reads bun.lock and pnpm-lock.yaml v5 diffs", () => {
    const bun = ["@@ -30,3 +30,3 @@", '-    "zod": ["zod@3.23.7", "", {}, "sha512-old"],', '+    "zod": ["zod@3.23.8", "", {}, "sha512-new"],', '+    "@types/node": ["@types/node@22.1.0", "", {}, "sha512-x"],'];
    expect(describeLockfileChange("bun.lock", bun.join("\n")).changes).toEqual([
      { name: "zod", from: "3.23.7", to: "3.23.8" },
      { name: "@types/node", to: "22.1.0" },
    ]);

    const pnpm5 = ["@@ -200,4 +200,4 @@", "-  /lodash/4.17.20:", "+  /lodash/4.17.21:", "     resolution: {integrity: sha512-x}", "+  /@babel/core/7.24.0_supports-color@8.1.1:"];
    expect(describeLockfileChange("pnpm-lock.yaml", pnpm5.join("\n")).changes).toEqual([
      { name: "lodash", from: "4.17.20", to: "4.17.21" },
      { name: "@babel/core", to: "7.24.0" },
    ]);
  });

  it("says so when nothing moved, when GitHub sent no diff, and for a format it does not read", () => {
    const integrityOnly = ['@@ -5,3 +5,3 @@', '     "node_modules/zod": {', '       "version": "3.23.8",', '-      "integrity": "sha512-old"', '+      "integrity": "sha512-new"'];
    expect(describeLockfileChange("package-lock.json", integrityOnly.join("\n"))).toEqual({ changes: [], detail: "lockfile — no dependency changed version" });
    expect(describeLockfileChange("package-lock.json", undefined).detail).toBe("lockfile — GitHub sent no diff to read the versions from");
    expect(describeLockfileChange("Podfile.lock", "@@ -1 +1 @@\n-a\n+b")).toEqual({ changes: [], detail: "lockfile" });
  });
});

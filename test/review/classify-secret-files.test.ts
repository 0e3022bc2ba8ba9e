// classifyFiles: secret-bearing files are skipped by name before anything is
// read, whatever folder they sit in and whatever the repo config includes;
// public keys and code that handles secrets are still reviewed.

import { describe, expect, it } from "vitest";

import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";
import type { ChangedFile } from "../../src/core/diff.js";
import { classifyFiles } from "../../src/review/classify-files.js";

const limits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };

const file = (path: string, extra: Partial<ChangedFile> = {}): ChangedFile => ({
  path,
  status: "added",
  additions: 1,
  deletions: 0,
  patch: "@@ -0,0 +1 @@\n+KEY=value",
  ...extra,
});

describe("classifyFiles: secret-bearing files", () => {
  it.each([
    ".env",
    "services/api/.env",
    ".env.local",
    ".env.production",
    ".env.example",
    ".env.sample",
    ".envrc",
    "deploy/prod.env",
    "certs/server.pem",
    "certs/tls.key",
    "AuthKey_ABC123.p8",
    "signing/release.p12",
    "signing/cert.pfx",
    "android/release.jks",
    "android/debug.keystore",
    "id_rsa",
    "home/ci/.ssh/id_ed25519",
    "id_ecdsa",
    "id_dsa",
    "id_ed25519_sk",
    "credentials",
    ".aws/credentials",
    "config/credentials.json",
    "config/credentials.yml.enc",
    "secrets",
    "config/secrets.yml",
    "secrets.json",
    ".npmrc",
    ".pypirc",
    ".netrc",
    ".git-credentials",
    ".htpasswd",
    "kubeconfig",
    "clusters/prod.kubeconfig",
    "home/ci/.kube/config",
    "home/ci/.docker/config.json",
    "infra/terraform.tfstate",
    "infra/terraform.tfstate.backup",
  ])("%s is skipped as secret-bearing", (path) => {
    expect(classifyFiles([file(path)], DEFAULT_REPO_CONFIG, limits)).toEqual({
      reviewable: [],
      skipped: [{ path, reason: "secret-bearing", detail: "secret-bearing file (never read or sent to the model)" }],
    });
  });

  it("a secret-bearing file renamed to an ordinary name is still skipped", () => {
    const { skipped } = classifyFiles([file("config/env.backup", { status: "renamed", previousPath: ".env.production" })], DEFAULT_REPO_CONFIG, limits);
    expect(skipped).toEqual([expect.objectContaining({ path: "config/env.backup", reason: "secret-bearing" })]);
  });

  it("the secret-bearing reason wins over the repo's include globs and over removal", () => {
    const config = { ...DEFAULT_REPO_CONFIG, include: ["**/*.pem", ".env"] };
    const { skipped } = classifyFiles([file("certs/a.pem"), file(".env", { status: "removed" })], config, limits);
    expect(skipped.map((skip) => skip.reason)).toEqual(["secret-bearing", "secret-bearing"]);
  });

  it.each([
    "id_rsa.pub",
    "home/ci/.ssh/id_ed25519.pub",
    "src/secrets.ts",
    "app/credentials.py",
    "src/env.ts",
    "src/vite-env.d.ts",
    "docs/environment.md",
    "src/keys.ts",
    "src/token.go",
    "config/kube.ts",
  ])("%s is reviewed (public, or code that handles secrets)", (path) => {
    expect(classifyFiles([file(path)], DEFAULT_REPO_CONFIG, limits).skipped).toEqual([]);
  });
});

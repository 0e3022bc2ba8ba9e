// `foureyes learning export` in-process against a real Redis: the recorded
// signals and dismissed patterns of each repository as JSON, one repository
// or installation when asked; a bad option is a usage error (exit 2).

import { randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { afterEach, beforeEach, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { runCli } from "../../src/cli/run-cli.js";
import { createLearningStore } from "../../src/learning/learning-store.js";

let redis: Redis;
let prefix: string;

const signal = (commentId: number, thumbsDown: number) => ({ commentId, pull: 3, fingerprint: "0123456789abcdef", kind: "function", rule: "-", text: `finding ${commentId}`, thumbsUp: 0, thumbsDown, at: "2026-11-30T00:00:00.000Z" });

beforeEach(async () => {
  redis = await connectRedis(inject("redisUrl"), { role: "producer" });
  prefix = `learning-cli-${randomUUID()}`;
  const store = createLearningStore(redis, prefix);
  await store.record({ installationId: 42, owner: "Acme", repo: "Shop" }, signal(1, 2));
  await store.record({ installationId: 42, owner: "acme", repo: "shop" }, signal(2, 0));
  await store.record({ installationId: 7, owner: "other", repo: "thing" }, signal(3, 1));
});

afterEach(async () => {
  await redis.quit();
});

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text), cwd: process.cwd(), env: { REDIS_URL: inject("redisUrl"), FOUREYES_QUEUE_PREFIX: prefix } };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

it("exports one repository's signals and the patterns its team dismissed", async () => {
  const { code, stdout } = await cli(["learning", "export", "--repo", "ACME/shop"]);
  expect(code).toBe(0);
  const exported = JSON.parse(stdout) as { repositories: { installationId: number; repository: string; signals: { commentId: number }[]; dismissedPatterns: unknown[] }[] };
  expect(exported.repositories).toEqual([
    {
      installationId: 42,
      repository: "acme/shop",
      signals: [expect.objectContaining({ commentId: 1 }), expect.objectContaining({ commentId: 2 })],
      dismissedPatterns: [{ rule: "-", kind: "function", text: "finding 1" }],
    },
  ]);
});

it("exports every repository, or one installation's", async () => {
  const all = JSON.parse((await cli(["learning", "export"])).stdout) as { repositories: { repository: string }[] };
  expect(all.repositories.map((entry) => entry.repository).sort()).toEqual(["acme/shop", "other/thing"]);
  const one = JSON.parse((await cli(["learning", "export", "--installation", "7"])).stdout) as { repositories: { repository: string }[] };
  expect(one.repositories.map((entry) => entry.repository)).toEqual(["other/thing"]);
});

it("says what is wrong with an option", async () => {
  const { code, stderr } = await cli(["learning", "export", "--repo", "not a repo"]);
  expect(code).toBe(2);
  expect(stderr).toMatch(/--repo takes owner\/name/);
});

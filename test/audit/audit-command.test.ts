// `foureyes audit` in-process against a real Redis: export prints NDJSON,
// verify says intact (exit 0) or names the broken record (exit 1), show
// prints a record and its neighbours, public-key prints the checking key.

import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";

import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { createAuditLog } from "../../src/audit/create-audit-log.js";
import { runCli } from "../../src/cli/run-cli.js";

let redis: Redis;
let prefix: string;
const signer = generateKeyPairSync("ed25519");

beforeEach(async () => {
  redis = await connectRedis(inject("redisUrl"), { role: "producer" });
  prefix = `audit-cli-${randomUUID()}`;
  const log = createAuditLog({ redis, prefix, signingKey: signer.privateKey, checkpointEvery: 4 });
  for (let index = 0; index < 6; index += 1) await log.record(42, "github.write", { repo: "acme/shop", method: "POST", n: index });
});
afterEach(async () => {
  await redis.quit();
});

async function cli(argv: string[], stdin?: string) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd: process.cwd(),
    env: {
      REDIS_URL: inject("redisUrl"),
      FOUREYES_QUEUE_PREFIX: prefix,
      FOUREYES_AUDIT_SIGNING_KEY: signer.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    },
    ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }),
  });
  return { code, stdout, stderr };
}

describe("foureyes audit", () => {
  it("exports, and verifies the export from stdin, a file and live, with the public key", async () => {
    const exported = await cli(["audit", "export"]);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(6);

    const key = await cli(["audit", "public-key"]);
    const dir = mkdtempSync(join(tmpdir(), "foureyes-audit-"));
    writeFileSync(join(dir, "key.pem"), key.stdout);
    writeFileSync(join(dir, "export.ndjson"), exported.stdout);

    const fromStdin = await cli(["audit", "verify", "-", "--public-key", join(dir, "key.pem")], exported.stdout);
    expect(fromStdin).toMatchObject({ code: 0 });
    expect(fromStdin.stdout).toMatch(/^intact: \d+ records .* 1 chain; (\d+) of \1 checkpoint signatures verified/);
    expect((await cli(["audit", "verify", join(dir, "export.ndjson")])).code).toBe(0);
    expect((await cli(["audit", "verify", "--live"])).code).toBe(0);
  });

  it("exits 1 and names the record when the export was changed", async () => {
    const lines = (await cli(["audit", "export"])).stdout.trim().split("\n");
    lines[2] = (lines[2] as string).replace('"POST"', '"PUTS"');
    const verified = await cli(["audit", "verify", "-"], `${lines.join("\n")}\n`);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/^BROKEN: 42\/4: its prev does not match the hash of 42\/3/);
  });

  it("shows a record with its neighbours, and says when there is none", async () => {
    const shown = await cli(["audit", "show", "42/3"]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/==> \{\n\s+"installation": 42,\n\s+"seq": 3,\n\s+"at": /);
    expect(shown.stdout.match(/^(==>| {3}) \{/gm)).toHaveLength(5);
    expect(await cli(["audit", "show", "42/999"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/no record 42\/999/) });
    expect(await cli(["audit", "show", "nonsense"])).toMatchObject({ code: 2 });
  });

  it("says what to fix: an unreachable Redis, a bad filter", async () => {
    expect(await cli(["audit", "export", "--since", "last tuesday"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--since takes a date/) });
  });
});

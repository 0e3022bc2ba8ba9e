// The audit chain on a real Redis: appends from several connections at once
// make one gap-free chain; an export verifies; every kind of tampering with
// an export (a changed byte in any record, a removed, swapped or inserted
// record, a cut end) makes verify fail and name the record; signed
// checkpoints verify with their public key only; filtered exports still verify.

import { generateKeyPairSync, type KeyObject, randomUUID } from "node:crypto";

import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";

import { connectRedis } from "../../queues/connection.js";
import { appendAuditRecords } from "../../src/audit/append-audit-record.js";
import { canonicalJson } from "../../src/audit/canonical-json.js";
import { createAuditLog } from "../../src/audit/create-audit-log.js";
import { exportAudit } from "../../src/audit/export-audit.js";
import { type ChainReport, createChainVerifier } from "../../src/audit/verify-audit-chain.js";

let redis: Redis;
let other: Redis;
let prefix: string;

beforeEach(async () => {
  redis = await connectRedis(inject("redisUrl"), { role: "producer" });
  other = await connectRedis(inject("redisUrl"), { role: "producer" });
  prefix = `audit-${randomUUID()}`;
});
afterEach(async () => {
  await Promise.all([redis.quit(), other.quit()]);
});

async function exportLines(filter: Parameters<typeof exportAudit>[2] = {}): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of exportAudit(redis, prefix, filter)) lines.push(line);
  return lines;
}

function verify(lines: readonly string[], publicKey?: KeyObject): ChainReport {
  const verifier = createChainVerifier({ publicKey });
  lines.forEach((line, index) => verifier.push(line, index + 1));
  return verifier.finish();
}

async function seed(count: number, installation = 12): Promise<void> {
  const log = createAuditLog({ redis, prefix, checkpointEvery: 5 });
  for (let index = 0; index < count; index += 1) {
    await log.record(installation, "github.write", { repo: index % 2 === 0 ? "acme/shop" : "acme/pay", method: "POST", status: 201, n: index });
  }
}

describe("canonicalJson", () => {
  it("sorts keys, drops undefined members and refuses numbers a record must not hold", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "x"], c: undefined, "é": { z: 0, y: "\u2028" } })).toBe('{"a":[true,null,"x"],"b":1,"é":{"y":"\u2028","z":0}}');
    expect(() => canonicalJson({ latency: 1.5 })).toThrow(/whole numbers/);
  });
});

describe("appending", () => {
  it("keeps one gap-free chain when two connections append at once", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        appendAuditRecords(index % 2 === 0 ? redis : other, prefix, 7, [
          { type: "command", data: { n: index }, at: new Date() },
          { type: "command", data: { n: index, second: true }, at: new Date() },
        ]),
      ),
    );
    const lines = await exportLines();
    expect(lines.slice(0, -1).map((line) => (JSON.parse(line) as { seq: number }).seq)).toEqual(Array.from({ length: 80 }, (_, index) => index + 1));
    expect(verify(lines)).toMatchObject({ ok: true, records: 80, installations: 1 });
  });

  it("writes a checkpoint every N records", async () => {
    await seed(9);
    const types = (await exportLines()).slice(0, -1).map((line) => (JSON.parse(line) as { type: string }).type);
    // After the first record (no checkpoint within the hour yet), then whenever the sequence reaches a multiple of 5.
    expect(types.map((type) => (type === "checkpoint" ? "C" : "r")).join("")).toBe("rCrrrCrrrrCr");
  });
});

describe("verify", () => {
  it("accepts an untouched export", async () => {
    await seed(12);
    expect(verify(await exportLines())).toMatchObject({ ok: true, installations: 1 });
  });

  it("names the record when one byte of any record changed", async () => {
    await seed(12);
    const lines = await exportLines();
    for (let index = 0; index < lines.length - 1; index += 1) {
      const line = lines[index] as string;
      const at = line.indexOf('"at":"') + 8; // a digit of the timestamp's year
      const changed = line.slice(0, at) + (line[at] === "1" ? "2" : "1") + line.slice(at + 1);
      const report = verify(lines.map((original, position) => (position === index ? changed : original)));
      expect(report.ok, `record on line ${index + 1}`).toBe(false);
      const seq = (JSON.parse(line) as { seq: number }).seq;
      expect(report.problem).toMatch(new RegExp(`^12/(${seq}|${seq + 1}):`));
    }
  });

  it("names the record when one was removed, two were swapped, one was inserted or the end was cut", async () => {
    await seed(10);
    const lines = await exportLines();
    expect(verify([...lines.slice(0, 3), ...lines.slice(4)]).problem).toMatch(/^12\/5: follows 12\/3; record 12\/4 is missing/);
    expect(verify([lines[0], lines[2], lines[1], ...lines.slice(3)] as string[]).problem).toMatch(/^12\/3: follows 12\/1/);
    const forged = canonicalJson({ ...JSON.parse(lines[4] as string), data: { forged: true } });
    expect(verify([...lines.slice(0, 5), forged, ...lines.slice(5)]).ok).toBe(false);
    expect(verify([...lines.slice(0, -2), lines.at(-1) as string]).problem).toMatch(/does not match the chain head/);
    expect(verify(lines.slice(0, -1)).problem).toMatch(/ends without the chain head/);
  });

  it("verifies signed checkpoints with the signing key's public half and fails with another key", async () => {
    const signer = generateKeyPairSync("ed25519");
    const stranger = generateKeyPairSync("ed25519");
    const log = createAuditLog({ redis, prefix, signingKey: signer.privateKey, checkpointEvery: 3 });
    for (let index = 0; index < 7; index += 1) await log.record(3, "model.call", { n: index });
    const lines = await exportLines();
    const good = verify(lines, signer.publicKey);
    expect(good).toMatchObject({ ok: true });
    expect(good.checkpoints.verified).toBeGreaterThanOrEqual(2);
    expect(good.checkpoints.verified).toBe(good.checkpoints.signed);
    expect(verify(lines, stranger.publicKey).problem).toMatch(/signature does not verify/);
  });
});

describe("export filters", () => {
  it("turns other repositories' records into stubs and still verifies", async () => {
    await seed(10);
    const lines = await exportLines({ repo: "acme/shop" });
    const records = lines.slice(0, -1).map((line) => JSON.parse(line) as { omitted?: boolean; data?: { repo?: string } });
    expect(records.filter((record) => record.omitted)).not.toHaveLength(0);
    expect(records.filter((record) => !record.omitted && record.data?.repo === "acme/pay")).toEqual([]);
    expect(verify(lines)).toMatchObject({ ok: true });
  });

  it("exports a date range as a contiguous stretch that verifies", async () => {
    let clock = Date.parse("2026-11-01T00:00:00Z");
    const log = createAuditLog({ redis, prefix, now: () => new Date((clock += 86_400_000)) });
    for (let index = 0; index < 10; index += 1) await log.record(5, "command", { n: index });
    const lines = await exportLines({ since: new Date("2026-11-04T00:00:00Z"), until: new Date("2026-11-08T00:00:00Z") });
    const days = lines.slice(0, -1).map((line) => (JSON.parse(line) as { at: string }).at.slice(0, 10));
    expect(days[0]).toBe("2026-11-04");
    expect(days.at(-1)).toBe("2026-11-07");
    expect(verify(lines)).toMatchObject({ ok: true, anchoredChains: 1 });
  });
});

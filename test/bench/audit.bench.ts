// The audit trail's cost: (1) recording every record of a 30-chunk review
// (started, 30 model calls in one batch, 3 GitHub writes, finished) against a
// real Redis, p95 over 300 reviews, target ≤ 2 ms; (2) `audit verify` over an
// export of 1,000,000 records, target ≤ 20 s with flat memory (it streams).

import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { Redis } from "ioredis";

import { type AuditRecord, auditRecordHash, GENESIS_HASH } from "../../src/audit/audit-record.js";
import { canonicalJson } from "../../src/audit/canonical-json.js";
import { createAuditLog } from "../../src/audit/create-audit-log.js";
import { runAuditVerify } from "../../src/cli/audit-command.js";
import { startRedis } from "../helpers/redis-server.js";

const REVIEWS = 300;
const VERIFY_RECORDS = 1_000_000;

export default async function benchAudit(): Promise<void> {
  await benchRecording();
  await benchVerify();
}

async function benchRecording(): Promise<void> {
  const server = await startRedis();
  const redis = new Redis(server.url);
  try {
    const log = createAuditLog({ redis, prefix: `bench-${randomUUID()}` });
    const times: number[] = [];
    for (let review = 0; review < REVIEWS; review += 1) {
      const started = performance.now();
      const installation = 1 + (review % 5);
      await log.record(installation, "review.started", { repo: "acme/shop", pull: review, head: "a".repeat(40), job: `acme/shop#${review}@${"a".repeat(40)}` });
      await log.recordAll(
        installation,
        Array.from({ length: 30 }, (_, chunk) => ({
          type: "model.call" as const,
          data: { repo: "acme/shop", chunk: `chunk-${chunk}`, messagesSha256: "b".repeat(64), answerSha256: "c".repeat(64), promptTokens: 1800, completionTokens: 300, latencyMs: 4200, outcome: "parsed" },
        })),
      );
      for (const route of ["POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", "POST /repos/{owner}/{repo}/check-runs", "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"]) {
        await log.record(installation, "github.write", { repo: "acme/shop", route, status: 201 });
      }
      await log.record(installation, "review.finished", { repo: "acme/shop", pull: review, outcome: "posted", reviewId: 1000 + review });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (share: number) => (times[Math.min(times.length - 1, Math.floor(share * times.length))] as number).toFixed(2);
    console.log(`recording a 30-chunk review (35 records, 6 appends): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms over ${REVIEWS} reviews (target p95 ≤ 2 ms)`);
  } finally {
    await redis.quit();
    await server.stop();
  }
}

async function benchVerify(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "foureyes-audit-bench-"));
  const file = join(dir, "export.ndjson");
  try {
    const out = createWriteStream(file);
    let head = { seq: 0, hash: GENESIS_HASH };
    for (let seq = 1; seq <= VERIFY_RECORDS; seq += 1) {
      const record: AuditRecord = {
        v: 1,
        installation: 9,
        seq,
        at: new Date(1_764_000_000_000 + seq * 1000).toISOString(),
        type: seq % 1000 === 0 ? "checkpoint" : "model.call",
        prev: head.hash,
        data: seq % 1000 === 0 ? {} : { repo: "acme/shop", chunk: `chunk-${seq % 30}`, messagesSha256: "b".repeat(64), promptTokens: 1800, outcome: "parsed" },
      };
      if (!out.write(`${canonicalJson(record)}\n`)) await once(out, "drain");
      head = { seq, hash: auditRecordHash(record) };
    }
    out.end(`${canonicalJson({ installation: 9, head })}\n`);
    await once(out, "finish");

    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const started = performance.now();
    let output = "";
    const code = await runAuditVerify(file, {}, { env: {}, stdout: (text) => (output += text), stderr: (text) => (output += text) });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    console.log(
      `audit verify of ${VERIFY_RECORDS.toLocaleString("en-US")} records: ${seconds.toFixed(1)} s (target ≤ 20 s), exit ${code}, ` +
        `peak RSS +${Math.round((peak - rssBefore) / 1024 / 1024)} MB over the start; ${output.trim()}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

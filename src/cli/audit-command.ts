// `foureyes audit export|verify|show|public-key`: the audit trail for the
// people who must show it. Export prints NDJSON from Redis (REDIS_URL and
// FOUREYES_QUEUE_PREFIX as the worker has them); verify recomputes every chain
// of an export file, stdin or (with --live) Redis; show prints one record with
// its neighbours; public-key prints the key that checks signed checkpoints.
// Exit codes: 0 done or intact, 1 a broken chain or an unexpected error,
// 2 something the user must fix.

import { createPublicKey, type KeyObject } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";

import { connectRedis } from "../../queues/connection.js";
import { loadSigningKey, publicKeyPem } from "../audit/checkpoint-signature.js";
import { type AuditExportFilter, exportAudit } from "../audit/export-audit.js";
import { readAuditRecordLines } from "../audit/read-audit-records.js";
import { createChainVerifier } from "../audit/verify-audit-chain.js";
import { loadServerEnv } from "../config/server-env.js";
import { countOf } from "../core/count-of.js";
import type { RedisClient } from "../core/redis-client.js";
import { CliUsageError } from "./cli-error.js";

export interface AuditIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin?: NodeJS.ReadableStream;
}

export interface AuditExportOptions {
  installation?: string;
  repo?: string;
  since?: string;
  until?: string;
}

const prefixOf = (env: NodeJS.ProcessEnv): string => env.FOUREYES_QUEUE_PREFIX || "foureyes";

export async function runAuditExport(options: AuditExportOptions, io: AuditIo): Promise<number> {
  return withRedis(io, async (redis) => {
    for await (const line of exportAudit(redis, prefixOf(io.env), exportFilter(options))) io.stdout(`${line}\n`);
    return 0;
  });
}

export async function runAuditVerify(file: string | undefined, options: { live?: boolean; publicKey?: string }, io: AuditIo): Promise<number> {
  return guard(io, async () => {
    const publicKey = options.publicKey ? readPublicKey(options.publicKey) : undefined;
    const verifier = createChainVerifier({ publicKey });
    let lineNumber = 0;
    const push = (line: string) => verifier.push(line, (lineNumber += 1)).ok;
    if (options.live) {
      await withRedis(io, async (redis) => {
        for await (const line of exportAudit(redis, prefixOf(io.env))) if (!push(line)) break;
        return 0;
      });
    } else {
      const input = file === undefined || file === "-" ? io.stdin : createReadStream(file);
      if (!input) throw new CliUsageError("give an export file, or - for stdin");
      for await (const line of createInterface({ input, crlfDelay: Infinity })) if (!push(line)) break;
    }
    const report = verifier.finish();
    const signatures = report.checkpoints.signed === 0 ? "no signed checkpoints" : `${report.checkpoints.verified} of ${report.checkpoints.signed} checkpoint signatures verified`;
    if (!report.ok) {
      io.stdout(`BROKEN: ${report.problem}\n`);
      return 1;
    }
    io.stdout(`intact: ${report.records} records (${report.omitted} omitted as stubs) in ${countOf(report.installations, "chain")}; ${signatures}${report.anchoredChains ? `; ${countOf(report.anchoredChains, "chain")} ${report.anchoredChains === 1 ? "starts" : "start"} after its first record` : ""}\n`);
    return 0;
  });
}

/** `<installation>/<seq>`: the record and two on either side, one readable JSON each. */
export async function runAuditShow(id: string, io: AuditIo): Promise<number> {
  const match = /^(\d+)\/(\d+)$/.exec(id);
  if (!match) return usage(io, `"${id}" is not a record id; it looks like 12/345 (installation/sequence)`);
  const [installation, seq] = [Number(match[1]), Number(match[2])];
  return withRedis(io, async (redis) => {
    let found = false;
    for await (const line of readAuditRecordLines(redis, prefixOf(io.env), installation)) {
      const record = JSON.parse(line) as Record<string, unknown> & { seq: number };
      if (Math.abs(record.seq - seq) > 2) {
        if (record.seq > seq) break;
        continue;
      }
      found ||= record.seq === seq;
      // Readable order: where it sits, when, what; the chain fields last.
      const { installation: _installation, seq: _seq, at, type, data, prev, v } = record;
      const readable = { installation, seq: record.seq, at, type, data, prev, v };
      io.stdout(`${record.seq === seq ? "==>" : "   "} ${JSON.stringify(readable, null, 2).replace(/\n/g, "\n    ")}\n`);
    }
    if (!found) io.stderr(`foureyes audit: no record ${id} (expired, or another installation or prefix?)\n`);
    return found ? 0 : 2;
  });
}

export async function runAuditPublicKey(io: AuditIo): Promise<number> {
  return guard(io, async () => {
    const pem = io.env.FOUREYES_AUDIT_SIGNING_KEY;
    if (!pem) throw new CliUsageError("FOUREYES_AUDIT_SIGNING_KEY is not set: checkpoints are not signed");
    io.stdout(publicKeyPem(loadSigningKey(pem)));
    return 0;
  });
}

function exportFilter(options: AuditExportOptions): AuditExportFilter {
  const filter: AuditExportFilter = {};
  if (options.installation !== undefined) {
    if (!/^\d+$/.test(options.installation)) throw new CliUsageError(`--installation takes a number, not "${options.installation}"`);
    filter.installation = Number(options.installation);
  }
  if (options.repo !== undefined) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(options.repo)) throw new CliUsageError(`--repo takes owner/name, not "${options.repo}"`);
    filter.repo = options.repo;
  }
  for (const key of ["since", "until"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new CliUsageError(`--${key} takes a date such as 2026-11-02 or 2026-11-02T08:00:00Z, not "${value}"`);
    filter[key] = date;
  }
  return filter;
}

function readPublicKey(path: string): KeyObject {
  try {
    return createPublicKey({ key: readFileSync(path, "utf8"), format: "pem" });
  } catch (error) {
    throw new CliUsageError(`--public-key ${path} is not a readable PEM public key (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function withRedis(io: AuditIo, work: (redis: RedisClient) => Promise<number>): Promise<number> {
  return guard(io, async () => {
    const redis = await connectRedis(loadServerEnv(io.env), { role: "producer" });
    try {
      return await work(redis);
    } finally {
      await redis.quit();
    }
  });
}

async function guard(io: AuditIo, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliUsageError || (error instanceof Error && error.name === "RedisUnreachableError") || (error instanceof Error && error.name === "InvalidSigningKeyError")) {
      return usage(io, error.message);
    }
    io.stderr(`foureyes audit: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function usage(io: AuditIo, message: string): number {
  io.stderr(`foureyes audit: ${message}\n`);
  return 2;
}

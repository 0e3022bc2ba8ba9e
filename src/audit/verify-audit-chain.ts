// Recomputes the chains of an export, line by line, in constant memory per
// installation: every line must be a record (or a stub for a record a
// filtered export left out) in canonical form, in sequence, whose `prev` is
// the hash of the record before; the last record must match the export's
// head line; signed checkpoints must verify. The first problem is reported
// with the record it concerns.

import type { KeyObject } from "node:crypto";
import { z } from "zod";
import { auditRecordHash, auditRecordId, auditRecordSchema, GENESIS_HASH, type AuditRecord } from "./audit-record.js";
import { canonicalJson } from "./canonical-json.js";
import { verifyCheckpoint } from "./checkpoint-signature.js";

/** A record a filtered export did not include: its place and hash only. */
export const auditStubSchema = z
  .object({ installation: z.number().int().positive(), seq: z.number().int().positive(), omitted: z.literal(true), prev: z.string(), hash: z.string() })
  .strict();
/** The last line of an export per installation: the chain head when it was exported. */
export const auditHeadSchema = z
  .object({ installation: z.number().int().positive(), head: z.object({ seq: z.number().int().nonnegative(), hash: z.string() }).strict() })
  .strict();

export type AuditStub = z.infer<typeof auditStubSchema>;
export type AuditHead = z.infer<typeof auditHeadSchema>;

export interface ChainReport {
  ok: boolean;
  records: number;
  omitted: number;
  installations: number;
  checkpoints: { signed: number; verified: number };
  /** Chains whose export starts after sequence 1 (older records expired or not exported). */
  anchoredChains: number;
  /** The first problem, naming the record ("12/57: …"). */
  problem?: string;
}

interface ChainState {
  seq: number;
  hash: string;
  lastId: string;
}

export function createChainVerifier(options: { publicKey?: KeyObject } = {}) {
  const chains = new Map<number, ChainState>();
  const headsSeen = new Set<number>();
  const report: ChainReport = { ok: true, records: 0, omitted: 0, installations: 0, checkpoints: { signed: 0, verified: 0 }, anchoredChains: 0 };
  const fail = (problem: string): ChainReport => {
    if (report.ok) Object.assign(report, { ok: false, problem });
    return report;
  };

  function follow(installation: number, seq: number, prev: string, hash: string): string | undefined {
    const id = `${installation}/${seq}`;
    const chain = chains.get(installation);
    if (!chain) {
      report.installations += 1;
      if (seq === 1 && prev !== GENESIS_HASH) return `${id}: the first record must have prev ${GENESIS_HASH.slice(0, 8)}…`;
      if (seq > 1) report.anchoredChains += 1;
    } else if (seq <= chain.seq) {
      return `${id}: comes after ${chain.lastId} (records reordered or inserted)`;
    } else if (seq > chain.seq + 1) {
      return `${id}: follows ${chain.lastId}; record ${installation}/${chain.seq + 1} is missing`;
    } else if (prev !== chain.hash) {
      return `${id}: its prev does not match the hash of ${chain.lastId} (one of the two was changed, or a record was inserted)`;
    }
    chains.set(installation, { seq, hash, lastId: id });
    return undefined;
  }

  function checkCheckpoint(record: AuditRecord): string | undefined {
    const signature = record.data.signature;
    if (typeof signature !== "string") return undefined;
    report.checkpoints.signed += 1;
    if (!options.publicKey) return undefined;
    const head = { installation: record.installation, seq: record.seq - 1, hash: record.prev };
    if (!verifyCheckpoint(head, signature, options.publicKey)) return `${auditRecordId(record)}: the checkpoint's signature does not verify with this public key`;
    report.checkpoints.verified += 1;
    return undefined;
  }

  return {
    /** One export line; returns the report so far (stop at the first `ok: false`). */
    push(line: string, lineNumber: number): ChainReport {
      if (!report.ok || line.trim() === "") return report;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return fail(`line ${lineNumber}: not JSON`);
      }
      if (canonicalJson(value) !== line) return fail(`line ${lineNumber}: not in canonical form (the line was edited)`);
      const head = auditHeadSchema.safeParse(value);
      if (head.success) {
        headsSeen.add(head.data.installation);
        const chain = chains.get(head.data.installation);
        const matches = chain ? chain.seq === head.data.head.seq && chain.hash === head.data.head.hash : head.data.head.seq === 0;
        return matches ? report : fail(`${head.data.installation}/${chain?.seq ?? 0}: the last record does not match the chain head (${head.data.installation}/${head.data.head.seq}); it was changed, or records were removed at the end`);
      }
      const stub = auditStubSchema.safeParse(value);
      if (stub.success) {
        report.omitted += 1;
        const problem = follow(stub.data.installation, stub.data.seq, stub.data.prev, stub.data.hash);
        return problem ? fail(problem) : report;
      }
      const record = auditRecordSchema.safeParse(value);
      if (!record.success) return fail(`line ${lineNumber}: not an audit record`);
      report.records += 1;
      const problem = follow(record.data.installation, record.data.seq, record.data.prev, auditRecordHash(record.data)) ?? (record.data.type === "checkpoint" ? checkCheckpoint(record.data) : undefined);
      return problem ? fail(problem) : report;
    },
    /** After the last line: every chain must have ended with its head line, or the export was cut short. */
    finish(): ChainReport {
      const headless = [...chains.keys()].find((installation) => !headsSeen.has(installation));
      if (headless !== undefined) return fail(`${chains.get(headless)?.lastId}: the export ends without the chain head of installation ${headless} (cut short?)`);
      return report;
    },
  };
}

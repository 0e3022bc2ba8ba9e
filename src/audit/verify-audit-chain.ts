// Recomputes the chains of an export, line by line, in constant memory per
// installation: every line must be a record (or a stub for a record a
// filtered export left out) in canonical form, in sequence, whose `prev` is
// the hash of the record before; the last record must match the export's
// head line; signed checkpoints must verify. The first problem is reported
// with the record it concerns.

import type { KeyObject } from "node:crypto";

import { z } from "zod";

import { AUDIT_RECORD_TYPES, AUDIT_RECORD_VERSION, type AuditRecord, auditRecordId, GENESIS_HASH, sha256Hex } from "./audit-record.js";
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

export function createChainVerifier(options: { publicKey?: KeyObject } = {}): ChainVerifier {
  return new ChainVerifier(options.publicKey);
}

export class ChainVerifier {
  private readonly chains = new Map<number, ChainState>();
  private readonly headsSeen = new Set<number>();
  private readonly report: ChainReport = {
    ok: true,
    records: 0,
    omitted: 0,
    installations: 0,
    checkpoints: { signed: 0, verified: 0 },
    anchoredChains: 0,
  };

  constructor(private readonly publicKey?: KeyObject) {}

  /** One export line; returns the report so far (stop at the first `ok: false`). */
  push(line: string, lineNumber: number): ChainReport {
    if (!this.report.ok || line.trim() === "") return this.report;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return this.fail(`line ${lineNumber}: not JSON`);
    }
    if (canonicalJson(value) !== line) return this.fail(`line ${lineNumber}: not in canonical form (the line was edited)`);
    // Cheap dispatch on the keys, then one schema: a million lines must verify in seconds.
    const keys = typeof value === "object" && value !== null ? value : {};
    if ("head" in keys) {
      const head = auditHeadSchema.safeParse(value);
      return head.success ? this.checkHead(head.data) : this.fail(`line ${lineNumber}: not a chain head`);
    }
    if ("omitted" in keys) {
      const stub = auditStubSchema.safeParse(value);
      if (!stub.success) return this.fail(`line ${lineNumber}: not a stub`);
      this.report.omitted += 1;
      return this.settle(this.follow(stub.data.installation, stub.data.seq, stub.data.prev, stub.data.hash));
    }
    if (!isAuditRecord(value)) return this.fail(`line ${lineNumber}: not an audit record`);
    this.report.records += 1;
    // The line is the record's canonical form, so its hash is the line's.
    const problem = this.follow(value.installation, value.seq, value.prev, sha256Hex(line));
    return this.settle(problem ?? (value.type === "checkpoint" ? this.checkCheckpoint(value) : undefined));
  }

  /** After the last line: every chain must have ended with its head line, or the export was cut short. */
  finish(): ChainReport {
    const headless = [...this.chains.keys()].find((installation) => !this.headsSeen.has(installation));
    if (headless !== undefined) {
      return this.fail(`${this.chains.get(headless)?.lastId}: the export ends without the chain head of installation ${headless} (cut short?)`);
    }
    return this.report;
  }

  private follow(installation: number, seq: number, prev: string, hash: string): string | undefined {
    const id = `${installation}/${seq}`;
    const chain = this.chains.get(installation);
    if (!chain) {
      this.report.installations += 1;
      if (seq === 1 && prev !== GENESIS_HASH) return `${id}: the first record must have prev ${GENESIS_HASH.slice(0, 8)}…`;
      if (seq > 1) this.report.anchoredChains += 1;
    } else if (seq <= chain.seq) {
      return `${id}: comes after ${chain.lastId} (records reordered or inserted)`;
    } else if (seq > chain.seq + 1) {
      return `${id}: follows ${chain.lastId}; record ${installation}/${chain.seq + 1} is missing`;
    } else if (prev !== chain.hash) {
      return `${id}: its prev does not match the hash of ${chain.lastId} (one of the two was changed, or a record was inserted)`;
    }
    this.chains.set(installation, { seq, hash, lastId: id });
    return undefined;
  }

  private checkHead(head: AuditHead): ChainReport {
    this.headsSeen.add(head.installation);
    const chain = this.chains.get(head.installation);
    const matches = chain ? chain.seq === head.head.seq && chain.hash === head.head.hash : head.head.seq === 0;
    if (matches) return this.report;
    return this.fail(
      `${head.installation}/${chain?.seq ?? 0}: the last record does not match the chain head (${head.installation}/${head.head.seq}); ` +
        "it was changed, or records were removed at the end",
    );
  }

  private checkCheckpoint(record: AuditRecord): string | undefined {
    const signature = record.data.signature;
    if (typeof signature !== "string") return undefined;
    this.report.checkpoints.signed += 1;
    if (!this.publicKey) return undefined;
    const head = { installation: record.installation, seq: record.seq - 1, hash: record.prev };
    if (!verifyCheckpoint(head, signature, this.publicKey)) return `${auditRecordId(record)}: the checkpoint's signature does not verify with this public key`;
    this.report.checkpoints.verified += 1;
    return undefined;
  }

  private settle(problem: string | undefined): ChainReport {
    return problem ? this.fail(problem) : this.report;
  }

  private fail(problem: string): ChainReport {
    if (this.report.ok) Object.assign(this.report, { ok: false, problem });
    return this.report;
  }
}

const RECORD_TYPES = new Set<string>(AUDIT_RECORD_TYPES);
const RECORD_KEYS = ["at", "data", "installation", "prev", "seq", "type", "v"].join(",");

/** The record schema's checks, by hand: zod over a million records costs more than the hashing. */
function isAuditRecord(value: unknown): value is AuditRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    Object.keys(record).sort().join(",") === RECORD_KEYS &&
    record.v === AUDIT_RECORD_VERSION &&
    Number.isSafeInteger(record.installation) &&
    (record.installation as number) > 0 &&
    Number.isSafeInteger(record.seq) &&
    (record.seq as number) > 0 &&
    typeof record.at === "string" &&
    !Number.isNaN(Date.parse(record.at)) &&
    typeof record.type === "string" &&
    RECORD_TYPES.has(record.type) &&
    typeof record.prev === "string" &&
    /^[0-9a-f]{64}$/.test(record.prev) &&
    typeof record.data === "object" &&
    record.data !== null &&
    !Array.isArray(record.data)
  );
}

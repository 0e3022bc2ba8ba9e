// One audit record: what happened (type and data), when, and its place in its
// installation's chain (sequence number and the hash of the record before).
// A record's hash is SHA-256 over its canonical JSON, in lower-case hex.

import { createHash } from "node:crypto";

import { z } from "zod";

import { canonicalJson } from "./canonical-json.js";

export const AUDIT_RECORD_VERSION = 1;

/** The `prev` of an installation's first record. */
export const GENESIS_HASH = "0".repeat(64);

export const AUDIT_RECORD_TYPES = [
  "review.started",
  "review.finished",
  "model.call",
  "github.write",
  "command",
  "config.invalid",
  "report.published",
  "checkpoint",
] as const;
export type AuditRecordType = (typeof AUDIT_RECORD_TYPES)[number];

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number().int(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const auditRecordSchema = z
  .object({
    v: z.literal(AUDIT_RECORD_VERSION),
    installation: z.number().int().positive(),
    seq: z.number().int().positive(),
    at: z.iso.datetime(),
    type: z.enum(AUDIT_RECORD_TYPES),
    prev: z.string().regex(/^[0-9a-f]{64}$/),
    data: z.record(z.string(), jsonValue),
  })
  .strict();

export type AuditRecord = z.infer<typeof auditRecordSchema>;

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function auditRecordHash(record: AuditRecord): string {
  return sha256Hex(canonicalJson(record));
}

/** "<installation>/<seq>": how a review footer, a log line or a person names a record. */
export function auditRecordId(record: Pick<AuditRecord, "installation" | "seq">): string {
  return `${record.installation}/${record.seq}`;
}

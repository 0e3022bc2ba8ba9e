// `foureyes audit export`: NDJSON lines for an archive or a SIEM, one chain
// after another, each closed by its head line. Filters keep the chains
// verifiable: records of other repositories become stubs (place and hash
// only), and a date range exports a contiguous stretch whose head line is the
// last record exported. Checkpoints are always included.

import type { RedisClient } from "../core/redis-client.js";
import { type AuditRecord, auditRecordHash, auditRecordSchema } from "./audit-record.js";
import { canonicalJson } from "./canonical-json.js";
import { readAuditHead, readAuditInstallations, readAuditRecordLines } from "./read-audit-records.js";

export interface AuditExportFilter {
  installation?: number;
  /** "owner/name": other repositories' records become stubs. */
  repo?: string;
  since?: Date;
  until?: Date;
}

export async function* exportAudit(redis: RedisClient, prefix: string, filter: AuditExportFilter = {}): AsyncGenerator<string> {
  const installations = filter.installation !== undefined ? [filter.installation] : await readAuditInstallations(redis, prefix);
  for (const installation of installations) {
    const head = await readAuditHead(redis, prefix, installation);
    let last: { seq: number; hash: string } | undefined;
    for await (const line of readAuditRecordLines(redis, prefix, installation)) {
      const record = auditRecordSchema.parse(JSON.parse(line));
      // Records appended while exporting belong to the next export.
      if (record.seq > head.seq) break;
      const at = Date.parse(record.at);
      if (filter.since && at < filter.since.getTime()) continue;
      if (filter.until && at >= filter.until.getTime()) {
        break;
      }
      const hash = auditRecordHash(record);
      yield includes(record, filter.repo) ? line : canonicalJson({ installation, seq: record.seq, omitted: true, prev: record.prev, hash });
      last = { seq: record.seq, hash };
    }
    const dated = filter.since !== undefined || filter.until !== undefined;
    if (dated && last === undefined) continue;
    // Unfiltered by date, the head is Redis' own: records removed from the end of the stream show up as a mismatch.
    yield canonicalJson({ installation, head: dated ? last : head });
  }
}

function includes(record: AuditRecord, repo: string | undefined): boolean {
  if (repo === undefined || record.type === "checkpoint") return true;
  return typeof record.data.repo === "string" && record.data.repo.toLowerCase() === repo.toLowerCase();
}

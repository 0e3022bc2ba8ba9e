// How a log line names a text it must not repeat (a model's answer): its
// SHA-256 and its length, enough to match it with the audit trail later.

import { createHash } from "node:crypto";

export function fingerprintText(text: string): { sha256: string; length: number } {
  return { sha256: createHash("sha256").update(text, "utf8").digest("hex"), length: text.length };
}

// Turns the bytes a source read for a head file into text, or says why it is
// not reviewable text (binary, too large). Shared by every source, so GitHub
// and the local CLI skip the same files for the same reasons.

/** A file's head version as a source reads it: its text, or why there is none to review. */
export type HeadFile =
  | { kind: "text"; text: string }
  | { kind: "skipped"; reason: "binary" | "too-large"; detail: string }
  | { kind: "absent" };

/** How much text there is to analyse: the characters of a head's text, 0 without one. */
export function headChars(head: HeadFile | undefined): number {
  return head?.kind === "text" ? head.text.length : 0;
}

/** Git's own heuristic: a NUL byte in the first 8,000 bytes means binary. */
const BINARY_SNIFF_BYTES = 8000;

export function decodeHeadFile(bytes: Uint8Array, maxBytes: number): HeadFile {
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { kind: "skipped", reason: "binary", detail: "binary content" };
  try {
    return { kind: "text", text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { kind: "skipped", reason: "binary", detail: "not UTF-8 text" };
  }
}

export function tooLarge(size: number, maxBytes: number): HeadFile {
  return { kind: "skipped", reason: "too-large", detail: `${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit` };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

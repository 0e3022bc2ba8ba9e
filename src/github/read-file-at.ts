// One file's text at a commit through the contents API (raw media type), or
// why there is none worth reading: absent, over a size limit, binary.

import { decodeHeadFile, type HeadFile, tooLarge } from "../core/head-file.js";
import { httpStatusOf } from "./http-status.js";
import type { GitHubClient } from "./octokit.js";

/** GitHub's contents API serves files up to 1 MB as JSON/raw in the normal way. */
export const CONTENTS_API_MAX_BYTES = 1024 * 1024;

/** A file's text at `ref` (raw media type); null when absent, over `maxBytes` or binary. */
export async function readFileAt(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  path: string,
  ref: string,
  maxBytes: number,
): Promise<HeadFile> {
  let response: { data: unknown; headers: Record<string, unknown> };
  try {
    response = await octokit.rest.repos.getContent({
      owner: target.owner,
      repo: target.repo,
      path,
      ref,
      mediaType: { format: "raw" },
    });
  } catch (error) {
    // 404: absent at head (removed, or a submodule); 403/413 "too large": over the API's limit.
    const status = httpStatusOf(error);
    if (status === 404) return { kind: "absent" };
    if (status === 403 || status === 413) return { kind: "skipped", reason: "too-large", detail: "over GitHub's contents API limit" };
    throw error;
  }
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(declared, maxBytes);

  const bytes = toBytes(response.data);
  return bytes === null ? { kind: "absent" } : decodeHeadFile(bytes, maxBytes);
}

function toBytes(data: unknown): Buffer | null {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return null; // JSON: a directory listing or a submodule, not a file
}

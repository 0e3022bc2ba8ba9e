// The address of a line in a pull request's "Files changed" view, built the
// way GitHub anchors it: `#diff-<sha256 of the path>R<line>` (L for the old
// side). The pull request's own web address comes from GitHub, so GitHub
// Enterprise hosts link to themselves.

import { createHash } from "node:crypto";

import type { Side } from "../core/diff.js";
import { safeLinkUrl } from "../markdown/safe-link-url.js";

/** A web address GitHub gave for the pull request, e.g. https://github.example.com/acme/api/pull/7. */
const PULL_URL = /^https?:\/\/[^\s/]+(\/[^\s?#]*)?\/pull\/\d+$/;

/** The line's address as a markdown link destination, or undefined without a usable pull request address. */
export function linkToDiffLine(pullUrl: string | undefined, path: string, line: number, side: Side): string | undefined {
  const base = pullUrl?.replace(/\/+$/, "");
  if (base === undefined || !PULL_URL.test(base)) return undefined;
  const file = createHash("sha256").update(path).digest("hex");
  return safeLinkUrl(`${base}/files#diff-${file}${side === "LEFT" ? "L" : "R"}${line}`);
}

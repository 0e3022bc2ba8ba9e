// A write GitHub may have carried out although it answered with an error: a
// 502/504 under load, a timeout or a dropped connection (Octokit reports all
// of them as 5xx). Resending blindly, as the retry plugin would, can post a
// second review or reply. So the write goes out with the retry plugin off for
// that one request, and after an ambiguous failure we first look, by the
// write's hidden marker on foureyes' own account, whether it landed.

import type { Logger } from "../core/logger.js";
import { httpStatusOf } from "./http-status.js";

/** Per-request option of @octokit/plugin-retry: this request is never resent by the plugin. */
export const NO_RETRY = { retries: 0 } as const;

/** Tries in all; a write still failing after that fails the job, which retries it later (and checks first). */
export const WRITE_TRIES = 3;
const PAUSE_MS = 1_000;

export interface OnceOnlyWrite<T> {
  /** What is written, for the log ("review", "check run", ...). */
  what: string;
  /** Sends the write once; its request must carry `request: NO_RETRY`. */
  send: () => Promise<T>;
  /** What an earlier try wrote after all, found by its marker on foureyes' account, or undefined. */
  findLanded: () => Promise<T | undefined>;
  logger?: Pick<Logger, "warn"> | undefined;
}

/** Sends `write` until it is known to have landed exactly once, or fails with the last error. */
export async function writeOnce<T>(write: OnceOnlyWrite<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write.send();
    } catch (error) {
      if (!isAmbiguousFailure(error)) throw error;
      write.logger?.warn({ err: error, attempt, tries: WRITE_TRIES }, `writing the ${write.what} failed ambiguously; checking whether it landed`);
      // GitHub may show what it created a moment late.
      await pause(PAUSE_MS * attempt);
      const landed = await write.findLanded();
      if (landed !== undefined) return landed;
      if (attempt >= WRITE_TRIES) throw error;
    }
  }
}

/** A 5xx, timeout or network error: GitHub may or may not have carried the write out. */
export function isAmbiguousFailure(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status !== undefined && status >= 500;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Every write of an installation's Octokit goes at GitHub's pace, shared by
// all worker processes through Redis (create-write-pace.ts): a
// content-creating write waits for room in the installation's budget, and
// every write waits out a hold GitHub asked for. A 403/429 "secondary rate
// limit" created nothing, so the write (also a review, which write-once.ts
// never resends blindly) is sent again after the wait GitHub named, and the
// hold keeps the other workers' writes back meanwhile.

import type { Logger } from "../core/logger.js";
import { observeWriteWait } from "../metrics/observe-write-wait.js";
import type { WritePace } from "./create-write-pace.js";
import { createsContent } from "./creates-content.js";
import type { GitHubClient } from "./octokit.js";
import { paceWaits } from "./pace-waits.js";
import { SECONDARY_LIMIT_FALLBACK_MS, secondaryLimitWaitMs } from "./secondary-limit-wait.js";

export interface PaceGitHubWritesOptions {
  logger?: Pick<Logger, "info" | "warn"> | undefined;
  /** Sends of one write after secondary rate limits; then the error goes to the caller (the job retries later). Default 5. */
  maxSends?: number;
  /** The wait when GitHub's secondary-limit answer names none (default a minute, as GitHub asks). */
  fallbackWaitMs?: number;
  /** A content-creating write waiting at least this long is announced to the Octokit's pace-wait listener (default 5 s). */
  announceAfterMs?: number;
}

type Paced = Pick<GitHubClient, "hook" | "request">;

export function paceGitHubWrites<T extends Paced>(octokit: T, installation: number, pace: WritePace, options: PaceGitHubWritesOptions = {}): T {
  const maxSends = options.maxSends ?? 5;
  const fallbackWaitMs = options.fallbackWaitMs ?? SECONDARY_LIMIT_FALLBACK_MS;
  const announceAfterMs = options.announceAfterMs ?? 5_000;

  async function waitForTurn(write: { createsContent: boolean; what: string }): Promise<void> {
    const started = Date.now();
    let announced = false;
    for (let waitMs = await pace.take(installation, write); waitMs > 0; waitMs = await pace.take(installation, write)) {
      if (write.createsContent && !announced && waitMs >= announceAfterMs) {
        announced = true;
        options.logger?.info({ installation, write: write.what, waitMs }, "write ready, waiting for GitHub's pace");
        paceWaits.notify(octokit, waitMs);
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    observeWriteWait(write.createsContent ? "content" : "other", (Date.now() - started) / 1_000);
  }

  octokit.hook.wrap("request", async (request, requestOptions) => {
    const { method, url } = octokit.request.endpoint.parse(requestOptions as Parameters<typeof octokit.request.endpoint.parse>[0]);
    if (method === "GET" || method === "HEAD") return request(requestOptions);
    const write = { createsContent: createsContent(method, url), what: `${method} ${String(requestOptions.url)}` };
    for (let send = 1; ; send += 1) {
      await waitForTurn(write);
      try {
        return await request(requestOptions);
      } catch (error) {
        const waitMs = secondaryLimitWaitMs(error, fallbackWaitMs);
        if (waitMs === undefined || send >= maxSends) throw error;
        options.logger?.warn({ installation, write: write.what, waitMs, send, maxSends }, "GitHub's secondary rate limit: holding this installation's writes, then sending again");
        await pace.hold(installation, waitMs);
      }
    }
  });
  return octokit;
}

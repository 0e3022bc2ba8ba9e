// Whether automatic reviews of a pull request are paused (`/foureyes pause`,
// `/foureyes resume`). Kept in Redis per installation and pull request; the
// review worker skips automatic review jobs of a paused pull request, and the
// next review posted says once that reviews were paused or resumed.

import type { PullTarget } from "../core/pull-target.js";
import type { RedisClient } from "../core/redis-client.js";

type Pull = Pick<PullTarget, "owner" | "repo" | "pullNumber"> & { installationId: number };

/** What the next review body says about pausing: "paused" while paused, "resumed" once after a resume. */
export type PauseNote = "paused" | "resumed" | null;

export interface PauseStore {
  pause(pull: Pull, by: string): Promise<void>;
  resume(pull: Pull, by: string): Promise<void>;
  isPaused(pull: Pull): Promise<boolean>;
  /** For the review about to be posted; a "resumed" note is given once. */
  takeNote(pull: Pull): Promise<PauseNote>;
}

/** A resume is worth saying in the next review for a while, not forever. */
const RESUMED_NOTE_TTL_S = 30 * 24 * 3600;

/** `keyPrefix` is FOUREYES_QUEUE_PREFIX (default "foureyes"). */
export function createPauseStore(redis: RedisClient, keyPrefix = "foureyes"): PauseStore {
  // GitHub names are case-insensitive; ":" cannot occur in them.
  const key = (pull: Pull, what: string) =>
    `${keyPrefix}:pause:${pull.installationId}:${pull.owner}/${pull.repo}#${pull.pullNumber}:${what}`.toLowerCase();
  return {
    async pause(pull, by) {
      await redis.multi().set(key(pull, "paused"), JSON.stringify({ by, at: new Date().toISOString() })).del(key(pull, "resumed")).exec();
    },
    async resume(pull, by) {
      const [[, removed] = []] = (await redis.multi().del(key(pull, "paused")).exec()) ?? [];
      // Only a resume of a pause is news for the next review.
      if (removed === 1) await redis.set(key(pull, "resumed"), JSON.stringify({ by, at: new Date().toISOString() }), "EX", RESUMED_NOTE_TTL_S);
    },
    async isPaused(pull) {
      return (await redis.exists(key(pull, "paused"))) === 1;
    },
    async takeNote(pull) {
      if (await this.isPaused(pull)) return "paused";
      return (await redis.getdel(key(pull, "resumed"))) === null ? null : "resumed";
    },
  };
}

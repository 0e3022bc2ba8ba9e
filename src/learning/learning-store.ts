// What a team's reactions taught foureyes about one repository: per foureyes
// comment, its finding's pattern (rule, declaration kind, words) and the
// team's signals on it (👍, 👎, a reply that dismisses it, its thread
// resolved with or without a change to the commented line). Kept in Redis, keyed per installation and
// repository, one hash field per comment, so a re-read of the same comment
// replaces its record instead of counting it twice. `/foureyes forget` marks
// the comment forgotten, and a forgotten comment is never recorded again.

import type { RedisClient } from "../core/redis-client.js";
import { scanMatchingKeys } from "./scan-matching-keys.js";

export interface RepoKey {
  installationId: number;
  owner: string;
  repo: string;
}

export interface TeamSignal {
  /** The foureyes review comment the team reacted to. */
  commentId: number;
  pull: number;
  fingerprint: string;
  /** The enclosing declaration's kind ("none" outside one) and the rule id ("-" for a model finding). */
  kind: string;
  rule: string;
  /** The finding's words, without heading or markers. */
  text: string;
  thumbsUp: number;
  thumbsDown: number;
  /** A team member who did not open the pull request replied that it does not apply ("won't fix", "false positive", …). */
  dismissedByReply?: boolean;
  /** Resolved while the commented line was unchanged at the head (set aside), or after it changed (acted on). */
  resolved?: "unchanged" | "after-change";
  /** ISO time of the last update. */
  at: string;
}

export interface LearningStore {
  /** Replaces the comment's record, unless the comment was forgotten. */
  record(repo: RepoKey, signal: TeamSignal): Promise<void>;
  /** Drops the comment's record and keeps it from being recorded again; false when nothing was recorded. */
  forget(repo: RepoKey, commentId: number): Promise<boolean>;
  list(repo: RepoKey): Promise<TeamSignal[]>;
  /** Every repository something was learned about (for the export). */
  repositories(): Promise<RepoKey[]>;
}

/** `keyPrefix` is FOUREYES_QUEUE_PREFIX (default "foureyes"). */
export function createLearningStore(redis: RedisClient, keyPrefix = "foureyes"): LearningStore {
  // GitHub names are case-insensitive; ":" cannot occur in them.
  const key = (repo: RepoKey, what: string) => `${keyPrefix}:learning:${repo.installationId}:${repo.owner}/${repo.repo}:${what}`.toLowerCase();
  const isForgotten = async (repo: RepoKey, commentId: number) => (await redis.sismember(key(repo, "forgotten"), String(commentId))) === 1;
  const store: LearningStore = {
    async record(repo, signal) {
      if (await isForgotten(repo, signal.commentId)) return;
      await redis.hset(key(repo, "signals"), String(signal.commentId), JSON.stringify(signal));
    },
    async forget(repo, commentId) {
      const [[, removed] = []] = (await redis.multi().hdel(key(repo, "signals"), String(commentId)).sadd(key(repo, "forgotten"), String(commentId)).exec()) ?? [];
      return removed === 1;
    },
    async repositories() {
      const found: RepoKey[] = [];
      const pattern = `${keyPrefix}:learning:*:signals`;
      for await (const keys of scanMatchingKeys(redis, pattern)) {
        for (const key of keys) {
          const match = /:learning:(\d+):([^/]+)\/(.+):signals$/.exec(key);
          if (match) found.push({ installationId: Number(match[1]), owner: match[2]!, repo: match[3]! });
        }
      }
      return found;
    },
    async list(repo) {
      const fields = await redis.hvals(key(repo, "signals"));
      return fields.map((text) => JSON.parse(text) as TeamSignal).sort((a, b) => a.commentId - b.commentId);
    },
  };
  return store;
}

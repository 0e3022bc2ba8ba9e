// Reads the installation's recorded pull requests that had an event at or
// after `since` (optionally of one repository), folded into PullRecords.

import type { RedisClient } from "../../core/redis-client.js";
import type { PullRecord } from "../types.js";
import { foldRecordedPull } from "./fold-recorded-pull.js";
import { parsePullMember, pullIndexKey, pullKey } from "./record-keys.js";

export interface ReadRecordedPullsOptions {
  since: Date;
  /** "owner/name": only this repository. */
  repo?: string;
  /** First part of every record key (default "foureyes"), as the record was written with. */
  keyPrefix?: string;
}

const BATCH = 500;

export async function readRecordedPulls(redis: RedisClient, installationId: number, options: ReadRecordedPullsOptions): Promise<PullRecord[]> {
  const members = await redis.zrangebyscore(pullIndexKey(installationId, options.keyPrefix), options.since.getTime(), "+inf");
  const wanted = members
    .map((member) => ({ member, parsed: parsePullMember(member) }))
    .filter((entry) => entry.parsed !== undefined && (options.repo === undefined || entry.parsed.repo.toLowerCase() === options.repo.toLowerCase()));

  const pulls: PullRecord[] = [];
  for (let start = 0; start < wanted.length; start += BATCH) {
    const batch = wanted.slice(start, start + BATCH);
    const pipeline = redis.pipeline();
    for (const { member } of batch) pipeline.hgetall(pullKey(installationId, member, options.keyPrefix));
    const results = (await pipeline.exec()) ?? [];
    batch.forEach(({ parsed }, index) => {
      const [error, hash] = results[index] ?? [null, null];
      if (error || !parsed || !hash) return;
      const pull = foldRecordedPull(parsed.repo, parsed.number, hash as Record<string, string>);
      if (pull) pulls.push(pull);
    });
  }
  return pulls.sort((a, b) => a.repo.localeCompare(b.repo) || a.number - b.number);
}

// Redis key names of the review-load event record, per installation: one hash
// per pull request (its folded webhook facts) and one sorted set of pull
// requests by their last event time, for reading a window. Every key starts
// with a prefix (the server's FOUREYES_QUEUE_PREFIX when set), so several
// deployments can share one Redis without reading each other's records.

export const DEFAULT_RECORD_KEY_PREFIX = "foureyes";

/** "owner/name#number": a pull request's member in the installation's index. */
export function pullMember(repo: string, number: number): string {
  return `${repo}#${number}`;
}

/** The hash that holds one pull request's recorded facts. */
export function pullKey(installationId: number, member: string, keyPrefix: string = DEFAULT_RECORD_KEY_PREFIX): string {
  return `${installationBase(installationId, keyPrefix)}:${member}`;
}

/** The sorted set of the installation's pull requests, scored by last event time (ms). */
export function pullIndexKey(installationId: number, keyPrefix: string = DEFAULT_RECORD_KEY_PREFIX): string {
  return `${installationBase(installationId, keyPrefix)}:pulls`;
}

/** Splits a member back into repository and number; undefined when it is not one. */
export function parsePullMember(member: string): { repo: string; number: number } | undefined {
  const match = /^([^/\s#]+\/[^/\s#]+)#(\d+)$/.exec(member);
  if (!match) return undefined;
  return { repo: match[1] as string, number: Number(match[2]) };
}

function installationBase(installationId: number, keyPrefix: string): string {
  // An empty prefix would put the record at ":report:…", shared by every deployment that makes the same mistake.
  if (keyPrefix.trim() === "") throw new RangeError("the event record's key prefix must not be empty (check FOUREYES_QUEUE_PREFIX)");
  return `${keyPrefix}:report:${installationId}`;
}

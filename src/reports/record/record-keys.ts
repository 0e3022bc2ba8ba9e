// Redis key names of the review-load event record, per installation: one hash
// per pull request (its folded webhook facts) and one sorted set of pull
// requests by their last event time, for reading a window.

export const RECORD_KEY_PREFIX = "foureyes:report";

/** "owner/name#number": a pull request's member in the installation's index. */
export function pullMember(repo: string, number: number): string {
  return `${repo}#${number}`;
}

/** The hash that holds one pull request's recorded facts. */
export function pullKey(installationId: number, member: string): string {
  return `${RECORD_KEY_PREFIX}:${installationId}:${member}`;
}

/** The sorted set of the installation's pull requests, scored by last event time (ms). */
export function pullIndexKey(installationId: number): string {
  return `${RECORD_KEY_PREFIX}:${installationId}:pulls`;
}

/** Splits a member back into repository and number; undefined when it is not one. */
export function parsePullMember(member: string): { repo: string; number: number } | undefined {
  const match = /^([^/\s#]+\/[^/\s#]+)#(\d+)$/.exec(member);
  if (!match) return undefined;
  return { repo: match[1] as string, number: Number(match[2]) };
}

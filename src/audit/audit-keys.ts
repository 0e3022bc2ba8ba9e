// Where an installation's audit chain lives in Redis: one stream of records
// and one hash with the chain head (sequence and hash of the last record),
// under the deployment's key prefix.

export function auditStreamKey(prefix: string, installation: number): string {
  return `${prefix}:audit:${installation}`;
}

export function auditHeadKey(prefix: string, installation: number): string {
  return `${prefix}:audit:${installation}:head`;
}

/** The set of installations that have a chain, for export and verify. */
export function auditInstallationsKey(prefix: string): string {
  return `${prefix}:audit:installations`;
}

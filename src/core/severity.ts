// How much a finding matters, and what kind of finding it is: each scale is
// defined here once, in its order (most important first).

export const SEVERITIES = ["critical", "major", "minor", "nit"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Lower is more important. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, nit: 3 };

export function atLeastSeverity(severity: Severity, minimum: Severity): boolean {
  return SEVERITY_RANK[severity] <= SEVERITY_RANK[minimum];
}

export const CATEGORIES = ["bug", "security", "performance", "maintainability", "test", "style"] as const;
export type Category = (typeof CATEGORIES)[number];

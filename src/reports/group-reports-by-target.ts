// Which repositories share a report issue. A repository without
// `reports.targetRepository` gets its own issue in itself. Repositories naming
// the same target (with the same people mode, time zone, week start and
// thresholds) share one installation-wide issue there.

import type { ReportOptions } from "../config/report-options.js";

export interface ReportGroup {
  target: string;
  repos: string[];
  options: ReportOptions;
}

/** Repositories grouped by the issue they report into. */
export function groupByTarget(repos: readonly (readonly [string, ReportOptions])[]): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  for (const [repo, options] of [...repos].sort(([a], [b]) => a.localeCompare(b))) {
    const target = options.targetRepository ?? repo;
    const { cron: _cron, enabled: _enabled, targetRepository: _target, ...shaping } = options;
    const key = options.targetRepository ? `${target}|${JSON.stringify(shaping)}` : `self|${repo}`;
    const group = groups.get(key);
    if (group) group.repos.push(repo);
    else groups.set(key, { target, repos: [repo], options: { ...options, targetRepository: target } });
  }
  return [...groups.values()];
}

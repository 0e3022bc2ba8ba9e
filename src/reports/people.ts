// Per-person figures are personal data (GDPR; works councils have a say over
// performance monitoring). This applies the `reports.people` mode to a computed
// report: "pseudonymous" replaces every login with an alias that is stable
// within this one report ("Reviewer A" has the most reviews this week; ties
// broken by a hash salted with the week, so aliases do not carry over between
// reports), "named" keeps logins, "aggregate" drops every per-person row.

import { createHash } from "node:crypto";

import type { PeopleMode } from "../config/report-options.js";
import type { ReviewLoadReport, ScopeReport, WeekMetrics } from "./review-load-report.js";

export function applyPeopleMode(report: ReviewLoadReport, mode: PeopleMode): ReviewLoadReport {
  if (mode === "named") return { ...report, people: mode };
  if (mode === "aggregate") return { ...report, people: mode, ...mapScopes(report, dropPeople) };
  const aliases = assignAliases(report);
  const rename = (name: string): string => aliases.get(name) ?? "Reviewer ?";
  return { ...report, people: mode, ...mapScopes(report, (week) => renamePeople(week, rename)) };
}

/** Alias per person: most reviews this window first (installation-wide), then last window, then a salted hash. */
export function assignAliases(report: ReviewLoadReport): Map<string, string> {
  const current = new Map<string, number>();
  const previous = new Map<string, number>();
  const everyone = new Set<string>();
  const collect = (week: WeekMetrics, counts: Map<string, number>): void => {
    for (const load of week.reviews.perReviewer) {
      everyone.add(load.reviewer);
      counts.set(load.reviewer, Math.max(counts.get(load.reviewer) ?? 0, load.reviews));
    }
    for (const stamp of week.rubberStamps) if (stamp.reviewer !== undefined) everyone.add(stamp.reviewer);
  };
  for (const scope of [report.installation, ...report.repositories]) {
    collect(scope.current, current);
    collect(scope.previous, previous);
  }
  const salt = `${report.scope}:${report.window.label}`;
  const hashOf = (name: string): string => createHash("sha256").update(`${salt}:${name.toLowerCase()}`).digest("hex");
  const ordered = [...everyone].sort(
    (a, b) =>
      (current.get(b) ?? 0) - (current.get(a) ?? 0) ||
      (previous.get(b) ?? 0) - (previous.get(a) ?? 0) ||
      hashOf(a).localeCompare(hashOf(b)),
  );
  return new Map(ordered.map((name, index) => [name, `Reviewer ${aliasLetters(index)}`]));
}

/** 0 → A, 25 → Z, 26 → AA, like spreadsheet columns. */
export function aliasLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function mapScopes(
  report: ReviewLoadReport,
  transform: (week: WeekMetrics) => WeekMetrics,
): Pick<ReviewLoadReport, "installation" | "repositories"> {
  const mapScope = (scope: ScopeReport): ScopeReport => ({
    ...scope,
    current: transform(scope.current),
    previous: transform(scope.previous),
  });
  return { installation: mapScope(report.installation), repositories: report.repositories.map(mapScope) };
}

function renamePeople(week: WeekMetrics, rename: (name: string) => string): WeekMetrics {
  return {
    ...week,
    reviews: {
      ...week.reviews,
      perReviewer: week.reviews.perReviewer
        .map((load) => ({ ...load, reviewer: rename(load.reviewer) }))
        .sort((a, b) => b.reviews - a.reviews || compareAliases(a.reviewer, b.reviewer)),
    },
    rubberStamps: week.rubberStamps.map((stamp) =>
      stamp.reviewer === undefined ? stamp : { ...stamp, reviewer: rename(stamp.reviewer) },
    ),
  };
}

function dropPeople(week: WeekMetrics): WeekMetrics {
  return {
    ...week,
    reviews: { ...week.reviews, perReviewer: [] },
    rubberStamps: week.rubberStamps.map(({ reviewer: _reviewer, ...stamp }) => stamp),
  };
}

/** "Reviewer B" before "Reviewer AA". */
function compareAliases(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b);
}

// The one order of pull requests in every list of the report: repository, then number.

import type { PullRef } from "../review-load-report.js";

export function comparePulls(a: PullRef, b: PullRef): number {
  return a.repo.localeCompare(b.repo) || a.number - b.number;
}

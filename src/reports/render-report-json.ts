// The review-load report as JSON for tooling: the computed report as is (its
// people mode already applied), with a format version to check against.

import type { ReviewLoadReport } from "./review-load-report.js";

export const REPORT_JSON_VERSION = 1;

export function renderReportJson(report: ReviewLoadReport): string {
  return `${JSON.stringify({ version: REPORT_JSON_VERSION, ...report }, null, 2)}\n`;
}

// The review body's opening lines: counts, not a retelling of the change.

import type { AnchoredComment } from "../core/comments.js";
import { countOf } from "../core/count-of.js";
import { SEVERITIES } from "../core/severity.js";

export interface SummaryInput {
  posted: AnchoredComment[];
  overflow: number;
  filesChanged: number;
  filesReviewed: number;
  filesSkipped: number;
  failedChunks: number;
  chunks: number;
  /** Findings left out because the team dismissed ones like them in this repository. */
  likeDismissed?: number;
}

export function summarizeReview(input: SummaryInput): string {
  const sentences: string[] = [];
  const total = input.posted.length + input.overflow;
  if (total === 0) {
    sentences.push(`No findings in ${countOf(input.filesReviewed, "reviewed file")}.`);
  } else {
    const bySeverity = SEVERITIES.map((severity) => [severity, input.posted.filter((c) => c.severity === severity).length] as const)
      .filter(([, count]) => count > 0)
      .map(([severity, count]) => `${count} ${severity}`);
    const files = new Set(input.posted.map((c) => c.path)).size;
    if (input.posted.length > 0) {
      sentences.push(`${countOf(input.posted.length, "inline comment")} on ${countOf(files, "file")} (${bySeverity.join(", ")}).`);
    }
    if (input.overflow > 0) sentences.push(`${countOf(input.overflow, "more finding")} listed below.`);
  }
  sentences.push(`${input.filesReviewed} of ${countOf(input.filesChanged, "changed file")} reviewed${input.filesSkipped ? `, ${input.filesSkipped} skipped` : ""}.`);
  if (input.failedChunks > 0) {
    sentences.push(`The model's answer for ${input.failedChunks} of ${countOf(input.chunks, "part")} of the change was unusable and was dropped.`);
  }
  if (input.likeDismissed) {
    sentences.push(`${countOf(input.likeDismissed, "finding")} like ones your team dismissed ${input.likeDismissed === 1 ? "was" : "were"} left out.`);
  }
  return sentences.join(" ");
}

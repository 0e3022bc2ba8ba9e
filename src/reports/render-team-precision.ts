// The report's "precision your team sees" section: one table, one row per
// repository, or one line when there is nothing to show. Absent when the
// report was computed without the learning store.

import { escapeInlineText } from "./escape-report-text.js";
import { formatShare } from "./format-report-values.js";
import type { RepoPrecision } from "./team-precision.js";

export function renderTeamPrecision(precision: readonly RepoPrecision[] | undefined, push: (...lines: string[]) => void): void {
  if (!precision) return;
  const active = precision.filter((row) => row.posted + row.thumbsUp + row.thumbsDown + row.actedOn + row.dismissed > 0);
  if (active.length === 0) {
    push("**What your team made of foureyes' comments:** no comments posted and no 👍, 👎 or resolved threads recorded this week.", "");
    return;
  }
  push("## What your team made of foureyes' comments", "");
  push("| Repository | Posted | 👍 | 👎 | Resolved after a change | Dismissed | Acted on |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const row of active) {
    push(`| ${escapeInlineText(row.repo)} | ${row.posted} | ${row.thumbsUp} | ${row.thumbsDown} | ${row.actedOn} | ${row.dismissed} | ${formatShare(row.actedOnShare)} |`);
  }
  push("", "_Per repository, never per person. Dismissed: thread resolved with the line unchanged, or a 👎. A comment counts in the week its last 👍, 👎 or resolution was recorded._", "");
}

// A report window as milliseconds, start inclusive, end exclusive.

import type { ReportWindow } from "../week-window.js";

export interface Span {
  startMs: number;
  endMs: number;
}

export function toSpan(window: ReportWindow): Span {
  return { startMs: window.start.getTime(), endMs: window.end.getTime() };
}

/** A test for "this moment lies in the span"; an unknown moment never does. */
export function inSpanOf(span: Span): (time: number | undefined) => time is number {
  return (time): time is number => time !== undefined && time >= span.startMs && time < span.endMs;
}

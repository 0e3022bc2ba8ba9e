// Human-readable figures for the report: durations, shares, trends, local times.

import type { MetricDirection, MetricUnit } from "./headline-values.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const NO_DATA = "–";

export function formatDuration(ms: number | null): string {
  if (ms === null) return NO_DATA;
  const abs = Math.abs(ms);
  if (abs < MINUTE_MS) return "< 1 min";
  if (abs < HOUR_MS) return `${Math.round(abs / MINUTE_MS)} min`;
  if (abs < DAY_MS) {
    const hours = Math.floor(abs / HOUR_MS);
    const minutes = Math.round((abs - hours * HOUR_MS) / MINUTE_MS);
    return minutes === 0 ? `${hours} h` : minutes === 60 ? `${hours + 1} h` : `${hours} h ${minutes} min`;
  }
  const days = Math.floor(abs / DAY_MS);
  const hours = Math.round((abs - days * DAY_MS) / HOUR_MS);
  return hours === 0 ? `${days} d` : hours === 24 ? `${days + 1} d` : `${days} d ${hours} h`;
}

export function formatShare(share: number | null): string {
  return share === null ? NO_DATA : `${Math.round(share * 100)}%`;
}

export function formatValue(value: number | null, unit: MetricUnit): string {
  if (value === null) return NO_DATA;
  switch (unit) {
    case "duration":
      return formatDuration(value);
    case "share":
      return formatShare(value);
    case "ratio":
      return value.toFixed(1);
    default:
      return value.toLocaleString("en-US");
  }
}

/** "▲ +3", "▼ −2 h (better)", "▲ +5 pp (worse)", "= 0"; NO_DATA when either week had none. */
export function formatTrend(delta: number | null, unit: MetricUnit, better?: MetricDirection): string {
  if (delta === null) return NO_DATA;
  const rounded = unit === "share" ? Math.round(delta * 100) : unit === "ratio" ? Math.round(delta * 10) / 10 : delta;
  if (rounded === 0 || (unit === "duration" && Math.abs(delta) < MINUTE_MS)) return "= 0";
  const arrow = delta > 0 ? "▲" : "▼";
  const sign = delta > 0 ? "+" : "−";
  const magnitude =
    unit === "duration"
      ? formatDuration(Math.abs(delta))
      : unit === "share"
        ? `${Math.abs(rounded)} pp`
        : unit === "ratio"
          ? Math.abs(rounded).toFixed(1)
          : Math.abs(rounded).toLocaleString("en-US");
  const verdict = better === undefined ? "" : (delta < 0) === (better === "lower") ? " (better)" : " (worse)";
  return `${arrow} ${sign}${magnitude}${verdict}`;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-25 14:03 UTC+1" in the report's time zone, always with its offset. */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "shortOffset",
    });
    dateTimeFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  const zone = (parts.timeZoneName ?? "GMT").replace(/^GMT(\+0)?/, "UTC");
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${zone}`;
}

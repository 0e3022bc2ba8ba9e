// The time window a report covers: the last complete week in the report's time
// zone (start inclusive, end exclusive, each at local midnight, so a week with a
// DST change is 167 or 169 hours long), the week before it, or a custom
// --since/--until date range (both dates inclusive).

import {
  addCivilDays,
  type CivilDate,
  civilDateIn,
  civilDayNumber,
  civilWeekday,
  formatCivilDate,
  isoWeekOf,
  parseCivilDate,
  startOfCivilDay,
} from "./zoned-time.js";

export interface ReportWindow {
  /** First instant inside the window. */
  start: Date;
  /** First instant after the window. */
  end: Date;
  /** "2026-W48" for a week, "2026-11-02..2026-11-15" for a date range. */
  label: string;
  kind: "week" | "range";
  timeZone: string;
  /** Local date of the first day, "YYYY-MM-DD". */
  firstDay: string;
  /** Calendar days covered. */
  days: number;
}

/**
 * The last complete week before `now` in `timeZone`. `weekStartsOn`: 0 Sunday,
 * 1 Monday (default). The label is the ISO week that holds most of the window's
 * days (its fourth day): for Monday weeks exactly the ISO week.
 */
export function weekWindow(now: Date, timeZone: string, weekStartsOn = 1): ReportWindow {
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    throw new RangeError(`weekStartsOn must be 0 (Sunday) to 6 (Saturday), got ${weekStartsOn}.`);
  }
  const today = civilDateIn(now, timeZone);
  const sinceWeekStart = (civilWeekday(today) - weekStartsOn + 7) % 7;
  const currentWeekStart = addCivilDays(today, -sinceWeekStart);
  return buildWeek(addCivilDays(currentWeekStart, -7), timeZone);
}

/** The window of the same length right before `window`, in the same time zone. */
export function previousWeek(window: ReportWindow): ReportWindow {
  const first = parseCivilDate(window.firstDay);
  if (!first) throw new RangeError(`Report window has an invalid firstDay "${window.firstDay}".`);
  const previousFirst = addCivilDays(first, -window.days);
  return window.kind === "week"
    ? buildWeek(previousFirst, window.timeZone)
    : buildRange(previousFirst, addCivilDays(first, -1), window.timeZone);
}

/** A window from two local dates "YYYY-MM-DD", both inclusive (the CLI's --since/--until). */
export function dateRangeWindow(since: string, until: string, timeZone: string): ReportWindow {
  const first = parseCivilDate(since);
  if (!first) throw new RangeError(`--since must be a date like 2026-11-02, got "${since}".`);
  const last = parseCivilDate(until);
  if (!last) throw new RangeError(`--until must be a date like 2026-11-08, got "${until}".`);
  if (civilDayNumber(last) < civilDayNumber(first)) {
    throw new RangeError(`--until (${until}) is before --since (${since}).`);
  }
  return buildRange(first, last, timeZone);
}

function buildWeek(first: CivilDate, timeZone: string): ReportWindow {
  const { year, week } = isoWeekOf(addCivilDays(first, 3));
  return {
    start: startOfCivilDay(first, timeZone),
    end: startOfCivilDay(addCivilDays(first, 7), timeZone),
    label: `${year}-W${String(week).padStart(2, "0")}`,
    kind: "week",
    timeZone,
    firstDay: formatCivilDate(first),
    days: 7,
  };
}

function buildRange(first: CivilDate, last: CivilDate, timeZone: string): ReportWindow {
  return {
    start: startOfCivilDay(first, timeZone),
    end: startOfCivilDay(addCivilDays(last, 1), timeZone),
    label: `${formatCivilDate(first)}..${formatCivilDate(last)}`,
    kind: "range",
    timeZone,
    firstDay: formatCivilDate(first),
    days: civilDayNumber(last) - civilDayNumber(first) + 1,
  };
}

// Wall-clock arithmetic in an IANA time zone with Intl only: the calendar date
// of an instant, and the instant a calendar day starts (DST-safe, no fixed
// 24-hour days). Civil dates are plain { year, month, day } values.

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        year: "numeric",
        month: "numeric",
        day: "numeric",
      });
    } catch {
      throw new RangeError(`Unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin.`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date `instant` falls on in `timeZone`. */
export function civilDateIn(instant: Date | number, timeZone: string): CivilDate {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const value = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  return { year: value("year"), month: value("month"), day: value("day") };
}

/** Days since 1970-01-01 of a civil date (no time zone involved). */
export function civilDayNumber(date: CivilDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

export function civilDateFromDayNumber(dayNumber: number): CivilDate {
  const utc = new Date(dayNumber * 86_400_000);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

export function addCivilDays(date: CivilDate, days: number): CivilDate {
  return civilDateFromDayNumber(civilDayNumber(date) + days);
}

/** 0 Sunday … 6 Saturday. */
export function civilWeekday(date: CivilDate): number {
  return new Date(civilDayNumber(date) * 86_400_000).getUTCDay();
}

export function formatCivilDate(date: CivilDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Parses "YYYY-MM-DD"; undefined when it is not a real calendar date. */
export function parseCivilDate(text: string): CivilDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const roundTrip = civilDateFromDayNumber(civilDayNumber(date));
  return formatCivilDate(roundTrip) === formatCivilDate(date) ? date : undefined;
}

function compareCivil(a: CivilDate, b: CivilDate): number {
  return civilDayNumber(a) - civilDayNumber(b);
}

/**
 * The first instant whose local date in `timeZone` is `date` (local midnight, or
 * the end of a DST gap when a zone skips midnight). Offsets stay within ±15 h,
 * so a binary search over whole seconds in that span finds it.
 */
export function startOfCivilDay(date: CivilDate, timeZone: string): Date {
  const utcMidnight = civilDayNumber(date) * 86_400;
  let low = utcMidnight - 15 * 3600; // local date is before `date` here
  let high = utcMidnight + 15 * 3600; // and on or after it here
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (compareCivil(civilDateIn(middle * 1000, timeZone), date) >= 0) high = middle;
    else low = middle;
  }
  return new Date(high * 1000);
}

/** ISO 8601 week of a civil date: the week (Monday first) that holds its Thursday. */
export function isoWeekOf(date: CivilDate): { year: number; week: number } {
  const mondayBased = (civilWeekday(date) + 6) % 7;
  const thursday = addCivilDays(date, 3 - mondayBased);
  const dayOfYear = civilDayNumber(thursday) - civilDayNumber({ year: thursday.year, month: 1, day: 1 }) + 1;
  return { year: thursday.year, week: Math.ceil(dayOfYear / 7) };
}

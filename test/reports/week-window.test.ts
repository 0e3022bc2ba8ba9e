import { describe, expect, it } from "vitest";

import { dateRangeWindow, previousWeek, weekWindow } from "../../src/reports/week-window.js";

const HOUR = 3_600_000;
const hours = (window: { start: Date; end: Date }): number => (window.end.getTime() - window.start.getTime()) / HOUR;

describe("weekWindow", () => {
  it("is the last complete Monday-to-Monday week in the zone", () => {
    const window = weekWindow(new Date("2026-12-01T10:00:00Z"), "Europe/Berlin");
    expect(window.label).toBe("2026-W48");
    expect(window.start.toISOString()).toBe("2026-11-22T23:00:00.000Z");
    expect(window.end.toISOString()).toBe("2026-11-29T23:00:00.000Z");
    expect(hours(window)).toBe(168);
  });

  it("is 169 hours long in the week of the last Sunday of October 2026 (clocks go back)", () => {
    const window = weekWindow(new Date("2026-10-28T12:00:00Z"), "Europe/Berlin");
    expect(window.label).toBe("2026-W43");
    expect(window.start.toISOString()).toBe("2026-10-18T22:00:00.000Z"); // Mon 19 Oct 00:00 CEST
    expect(window.end.toISOString()).toBe("2026-10-25T23:00:00.000Z"); // Mon 26 Oct 00:00 CET
    expect(hours(window)).toBe(169);
  });

  it("is 167 hours long in the week of the last Sunday of March 2026 (clocks go forward)", () => {
    const window = weekWindow(new Date("2026-04-01T12:00:00Z"), "Europe/Berlin");
    expect(window.label).toBe("2026-W13");
    expect(window.start.toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(window.end.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(hours(window)).toBe(167);
    expect(hours(previousWeek(window))).toBe(168);
  });

  it("takes the week that just ended when run exactly at Monday midnight, local time", () => {
    expect(weekWindow(new Date("2026-11-30T00:00:00+01:00"), "Europe/Berlin").label).toBe("2026-W48");
    expect(weekWindow(new Date("2026-11-29T23:59:59+01:00"), "Europe/Berlin").label).toBe("2026-W47");
  });

  it("uses the zone's calendar, not UTC's", () => {
    // Monday 00:30 in Berlin is still Sunday in UTC
    expect(weekWindow(new Date("2026-11-30T00:30:00+01:00"), "Europe/Berlin").label).toBe("2026-W48");
    expect(weekWindow(new Date("2026-11-30T00:30:00+01:00"), "UTC").label).toBe("2026-W47");
  });

  it("labels ISO weeks across the year end (2026 has 53)", () => {
    const window = weekWindow(new Date("2027-01-05T12:00:00Z"), "Europe/Berlin");
    expect(window.label).toBe("2026-W53");
    expect(previousWeek(window).label).toBe("2026-W52");
    expect(weekWindow(new Date("2027-01-12T12:00:00Z"), "Europe/Berlin").label).toBe("2027-W01");
  });

  it("supports weeks that start on Sunday", () => {
    const window = weekWindow(new Date("2026-12-01T12:00:00Z"), "America/New_York", 0);
    expect(window.firstDay).toBe("2026-11-22");
    expect(window.start.toISOString()).toBe("2026-11-22T05:00:00.000Z");
  });

  it("says what is wrong with a bad time zone or week start", () => {
    expect(() => weekWindow(new Date(), "Europe/Berln")).toThrow(/Unknown time zone "Europe\/Berln"/);
    expect(() => weekWindow(new Date(), "UTC", 7)).toThrow(/weekStartsOn/);
  });
});

describe("dateRangeWindow", () => {
  it("covers both dates in full, DST-safe, and its previous window has the same number of days", () => {
    const window = dateRangeWindow("2026-03-25", "2026-03-31", "Europe/Berlin");
    expect(window.label).toBe("2026-03-25..2026-03-31");
    expect(window.days).toBe(7);
    expect(hours(window)).toBe(167);
    const before = previousWeek(window);
    expect(before.label).toBe("2026-03-18..2026-03-24");
    expect(before.end.getTime()).toBe(window.start.getTime());
  });

  it("rejects dates that are not dates, or in the wrong order", () => {
    expect(() => dateRangeWindow("2026-02-30", "2026-03-01", "UTC")).toThrow(/--since must be a date/);
    expect(() => dateRangeWindow("2026-03-01", "tomorrow", "UTC")).toThrow(/--until must be a date/);
    expect(() => dateRangeWindow("2026-03-02", "2026-03-01", "UTC")).toThrow(/before --since/);
  });
});

import { describe, expect, it } from "vitest";

import { DEFAULT_REPORT_OPTIONS, reportOptionsSchema } from "../../src/config/report-options.js";

describe("reportOptionsSchema", () => {
  it("defaults to pseudonymous people, Monday 07:00 Europe/Berlin, 300 lines / 5 minutes", () => {
    expect(DEFAULT_REPORT_OPTIONS).toEqual({
      enabled: true,
      people: "pseudonymous",
      timezone: "Europe/Berlin",
      cron: "0 7 * * 1",
      weekStartsOn: 1,
      rubberStamp: { minChangedLines: 300, maxMinutesAfterRequest: 5 },
      maxListItems: 50,
    });
    expect(DEFAULT_REPORT_OPTIONS.targetRepository).toBeUndefined();
  });

  it("names the wrong key in its errors", () => {
    const bad = reportOptionsSchema.safeParse({ timezone: "Mars/Olympus", people: "everyone", cron: "daily", targetRepository: "just-a-name" });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((issue) => issue.path.join(".")).sort();
    expect(paths).toEqual(["cron", "people", "targetRepository", "timezone"]);
    expect(bad.error?.issues.find((issue) => issue.path[0] === "timezone")?.message).toMatch(/IANA time zone/);
  });

  it("rejects unknown keys (a typo must not silently fall back to a default)", () => {
    expect(reportOptionsSchema.safeParse({ peoples: "named" }).success).toBe(false);
  });

  it("keeps partial rubber-stamp settings' other default", () => {
    expect(reportOptionsSchema.parse({ rubberStamp: { minChangedLines: 100 } }).rubberStamp).toEqual({
      minChangedLines: 100,
      maxMinutesAfterRequest: 5,
    });
  });
});

describe("reportOptionsSchema: the report cron runs at most once a day", () => {
  it.each(["0 7 * * 1", "30 6 * * 1-5", "0 0 1 * *", " 15 23 * * 0 "])("accepts %j", (cron) => {
    expect(reportOptionsSchema.safeParse({ cron }).success).toBe(true);
  });

  it.each([
    ["every minute", "* * * * *"],
    ["every hour", "0 * * * 1"],
    ["every 5 minutes of one hour", "*/5 7 * * 1"],
    ["twice a day", "0 7,19 * * *"],
    ["every hour from 7 to 9", "0 7-9 * * *"],
    ["every other hour", "0 */2 * * *"],
    ["two minutes", "0,30 7 * * 1"],
  ])("refuses %s (%j), naming the key", (_what, cron) => {
    const parsed = reportOptionsSchema.safeParse({ cron });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ["cron"], message: expect.stringMatching(/^cron .*once a day/) })]);
  });
});

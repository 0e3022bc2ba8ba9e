// The `reports` section of `.github/foureyes.yml`: who may be named, where the
// weekly report goes, when it runs, and the rubber-stamp thresholds. Exported
// on its own so the repo config schema can take it in as one key.

import { z } from "zod";

export const PEOPLE_MODES = ["pseudonymous", "named", "aggregate"] as const;
export type PeopleMode = (typeof PEOPLE_MODES)[number];

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Five cron fields (minute hour day month weekday); BullMQ's parser checks the rest. */
const CRON = /^\s*(\S+\s+){4}\S+\s*$/;

/**
 * One minute and one hour (no *, list, range or step): the report runs at most
 * once a day, so a repository cannot make foureyes spend its GitHub budget on
 * reports. Only judged when the five fields are there (the pattern says so otherwise).
 */
function runsAtMostDaily(cron: string): boolean {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return true;
  return /^\d{1,2}$/.test(fields[0] ?? "") && /^\d{1,2}$/.test(fields[1] ?? "");
}

export const reportOptionsSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Publish the weekly review-load report."),
    people: z
      .enum(PEOPLE_MODES)
      .default("pseudonymous")
      .describe(
        "How people appear: pseudonymous aliases stable within one report (default), named logins (opt-in), or aggregate figures only with no per-person rows.",
      ),
    timezone: z
      .string()
      .refine(isTimeZone, { message: "timezone must be an IANA time zone name such as Europe/Berlin" })
      .default("Europe/Berlin")
      .describe("Time zone of the schedule and of the week boundaries."),
    cron: z
      .string()
      .regex(CRON, 'cron must have five fields, e.g. "0 7 * * 1" for Monday 07:00')
      .refine(runsAtMostDaily, {
        message: 'cron may run the report at most once a day: give one minute and one hour (no *, lists, ranges or steps), e.g. "0 7 * * 1" for Monday 07:00',
      })
      .default("0 7 * * 1")
      .describe("When the report runs, in `timezone`."),
    weekStartsOn: z
      .number()
      .int()
      .min(0)
      .max(6)
      .default(1)
      .describe("First day of the report week: 0 Sunday, 1 Monday (default), … 6 Saturday."),
    targetRepository: z
      .string()
      .regex(/^[^/\s]+\/[^/\s]+$/, 'targetRepository must look like "owner/name"')
      .optional()
      .describe("Repository that receives the report issue; the repository itself when unset."),
    rubberStamp: z
      .object({
        minChangedLines: z
          .number()
          .int()
          .min(0)
          .default(300)
          .describe("An approval counts as a rubber stamp only on PRs with more changed lines (additions + deletions) than this."),
        maxMinutesAfterRequest: z
          .number()
          .min(0)
          .default(5)
          .describe("…and only when it came at most this many minutes after the review request."),
      })
      .strict()
      .default({ minChangedLines: 300, maxMinutesAfterRequest: 5 }),
    maxListItems: z
      .number()
      .int()
      .min(1)
      .max(500)
      .default(50)
      .describe("Longest list in the report; the rest is cut with a count."),
  })
  .strict();

export type ReportOptions = z.infer<typeof reportOptionsSchema>;

export const DEFAULT_REPORT_OPTIONS: ReportOptions = reportOptionsSchema.parse({});

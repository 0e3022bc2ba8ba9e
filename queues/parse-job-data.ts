// Job data is a boundary: whatever sits in Redis is checked against the
// feature's schema before a processor uses it. Retrying cannot fix malformed
// data, so the job fails at once, with the reasons.

import { type Job, UnrecoverableError } from "bullmq";
import type { z } from "zod";

import { formatZodIssues } from "../src/core/format-zod-issues.js";

export function parseJobData<Schema extends z.ZodType>(schema: Schema, job: Pick<Job, "data">, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(job.data);
  if (parsed.success) return parsed.data;
  throw new UnrecoverableError(`invalid ${what} data: ${formatZodIssues(parsed.error)}`);
}

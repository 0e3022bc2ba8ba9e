// Errors that no retry can fix fail their job at once. A write the advisory
// guard refused is one: foureyes built a request it must never send, which is
// a bug in foureyes, not a hiccup of GitHub or the model.

import { UnrecoverableError } from "bullmq";

import type { Logger } from "../src/core/logger.js";
import { AdvisoryViolationError } from "../src/github/errors.js";

/**
 * Returns the error to throw from a job processor: BullMQ's
 * UnrecoverableError (no further attempts) for a refused non-advisory write,
 * logged as a bug to report; any other error unchanged, for the queue's retries.
 */
export function stopRetryingBugs(error: unknown, logger: Pick<Logger, "error">): unknown {
  if (!(error instanceof AdvisoryViolationError)) return error;
  logger.error(
    { err: error },
    "the advisory guard refused a write foureyes built: this is a bug in foureyes, please report it with this log line; the job is not retried",
  );
  const stop = new UnrecoverableError(error.message);
  stop.stack = error.stack;
  return stop;
}

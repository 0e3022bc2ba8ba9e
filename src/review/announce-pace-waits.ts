// A review that is ready but waits for GitHub's pace (the installation's
// content budget, or a hold GitHub asked for) says so in the pull request's
// check run, so nobody wonders why the review is late; once it is posted, a
// later check run says that.

import { paceWaits } from "../github/pace-waits.js";
import type { ReviewCheckRun } from "./review-check-runs.js";

export interface PaceAnnouncement {
  /** Whether the "waiting" check run was posted; waits until that write is done, so a later check run comes after it. */
  announced(): Promise<boolean>;
}

export function announcePaceWaits(octokit: object, report: (checkRun: ReviewCheckRun) => Promise<void>): PaceAnnouncement {
  let waiting: Promise<void> | undefined;
  paceWaits.listen(octokit, (waitMs) => {
    waiting ??= report({ kind: "waiting-for-pace", waitMs });
  });
  return {
    async announced() {
      if (!waiting) return false;
      await waiting;
      return true;
    },
  };
}

// Typed GitHub-side errors that say how to handle them.

/** The pull request moved on: the review for the old head is dropped, never posted. Do not retry. */
export class StaleHeadError extends Error {
  override name = "StaleHeadError";
  constructor(
    readonly label: string,
    readonly reviewedSha: string,
    readonly currentSha: string,
  ) {
    super(
      `The review of ${label} for head ${reviewedSha} was dropped because the head moved to ${currentSha}; ` +
        "the newer commit gets its own review.",
    );
  }
}

/** A write that would break the advisory-only promise was refused before it was sent. A bug, not a retry case. */
export class AdvisoryViolationError extends Error {
  override name = "AdvisoryViolationError";
}

/** GitHub would not say who this app is (GET /app failed): the app's credentials are wrong. Fatal at start. */
export class AppIdentityError extends Error {
  override name = "AppIdentityError";
}

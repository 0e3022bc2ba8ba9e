// Who may ask foureyes for a re-review: people with write access or more to
// the repository. Pure: the permission comes from GitHub's collaborator
// permission endpoint (`permission`, or the finer `role_name`).

const MAY_REQUEST_REVIEW = new Set(["admin", "maintain", "write"]);

/** True for "admin", "maintain" and "write"; false for "triage", "read", "none" and anything unknown. */
export function mayRequestReview(permission: string | null | undefined): boolean {
  return typeof permission === "string" && MAY_REQUEST_REVIEW.has(permission.toLowerCase());
}

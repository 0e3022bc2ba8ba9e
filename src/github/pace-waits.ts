// Who hears that a content-creating write of a given Octokit is waiting for
// GitHub's pace: the review job, which says so in the pull request's check
// run. Keyed by the Octokit the job holds, so each job hears only its own writes.

type PaceWaitListener = (waitMs: number) => void;

const listeners = new WeakMap<object, PaceWaitListener>();

export const paceWaits = {
  /** `listener` is told (at most once per write) how long a content-creating write of `octokit` will wait. */
  listen(octokit: object, listener: PaceWaitListener): void {
    listeners.set(octokit, listener);
  },
  notify(octokit: object, waitMs: number): void {
    listeners.get(octokit)?.(waitMs);
  },
};

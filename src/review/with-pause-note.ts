// A review sink that says in the review body, once, that automatic reviews
// of the pull request were paused (and still are) or have been resumed since
// the last review (see pause-store.ts). The note is taken just before
// publishing, so a review that fails earlier does not use it up.

import type { PauseNote, PauseStore } from "./pause-store.js";
import type { ReviewSink } from "./ports.js";

const NOTE: Record<Exclude<PauseNote, null>, string> = {
  paused: "Automatic reviews of this pull request are paused (`/foureyes resume` restarts them); this one was asked for.",
  resumed: "Automatic reviews of this pull request were paused and have been resumed.",
};

export function withPauseNote(sink: ReviewSink, pauses: PauseStore, pull: Parameters<PauseStore["takeNote"]>[0]): ReviewSink {
  return {
    async publish(result) {
      const note = await pauses.takeNote(pull);
      return sink.publish(note ? { ...result, summary: `${result.summary} ${NOTE[note]}` } : result);
    },
  };
}

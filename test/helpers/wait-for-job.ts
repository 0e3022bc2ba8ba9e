// Polls a BullMQ job until it reaches one of `states` (by default: finished,
// either way); the suite's timeout bounds the wait.

import type { Queue } from "bullmq";

export async function waitForJobState(
  queue: Pick<Queue, "getJobState">,
  jobId: string,
  states: readonly string[] = ["completed", "failed"],
): Promise<string> {
  for (;;) {
    const state = await queue.getJobState(jobId);
    if (states.includes(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

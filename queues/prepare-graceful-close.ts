// Graceful stop of a process's job workers (SIGTERM on a deploy or a node
// drain): take no new job, let running ones finish within a grace period, and
// hand those that outlast it back to their queue's wait list, so another worker
// takes them at once instead of waiting for this process's locks to expire.

import type { Job, Worker } from "bullmq";

import type { Logger } from "../src/core/logger.js";

export type CloseOutcome = { finished: true } | { finished: false; handedBack: string[] };

export interface GracefulClose {
  /** Resolves when every worker is closed, or when the grace period is over and the running jobs are handed back. */
  close(graceMs: number): Promise<CloseOutcome>;
}

/** Call before the workers take jobs: it follows which jobs (and their lock tokens) each one runs. */
export function prepareGracefulClose(workers: Worker[], logger: Pick<Logger, "warn" | "error">): GracefulClose {
  const running = new Map<string, Job>();
  const key = (job: Job) => `${job.queueName}\n${job.id ?? ""}`;
  for (const worker of workers) {
    worker.on("active", (job: Job) => void running.set(key(job), job));
    worker.on("completed", (job: Job) => void running.delete(key(job)));
    worker.on("failed", (job: Job | undefined) => void (job && running.delete(key(job))));
  }

  return {
    async close(graceMs) {
      const closed = Promise.all(workers.map((worker) => worker.close())).then(() => "closed" as const);
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<"grace-over">((done) => (timer = setTimeout(() => done("grace-over"), graceMs)));
      const first = await Promise.race([closed, graceOver]);
      clearTimeout(timer);
      if (first === "closed") return { finished: true };
      return { finished: false, handedBack: await handBack([...running.values()], logger) };
    },
  };
}

/** Moves each job back to wait under its own lock token; a job that finished meanwhile is left alone. */
async function handBack(jobs: Job[], logger: Pick<Logger, "warn" | "error">): Promise<string[]> {
  const handedBack: string[] = [];
  for (const job of jobs) {
    try {
      await job.moveToWait(job.token);
      handedBack.push(job.id ?? "");
    } catch (error) {
      // Its lock is gone (it just finished, or another worker took it over): nothing of ours to hand back.
      logger.warn({ job: job.id, err: error }, "could not hand a running job back to the queue; it will be picked up when its lock expires");
    }
  }
  return handedBack;
}

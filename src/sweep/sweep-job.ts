// The catch-up jobs: "redeliver" asks GitHub to send again the webhooks it
// could not deliver (the web process was down or unreachable); "pulls" finds
// open pull requests whose head has neither a foureyes review nor a job and
// queues them. Both run on a schedule; the schema guards the queue boundary.

import { z } from "zod";

export const SWEEP_QUEUE_NAME = "sweep";

export const sweepJobSchema = z.object({ kind: z.enum(["redeliver", "pulls"]) });

export type SweepJobData = z.infer<typeof sweepJobSchema>;

export type SweepJobResult =
  | { kind: "redeliver"; failedSeen: number; redelivered: number; leftForNextRun: number }
  | { kind: "pulls"; installations: number; queued: number; failedInstallations: number };

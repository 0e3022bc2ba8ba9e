// The operator's queue view: Bull Board over foureyes' queues, read-only (a
// click must not lose or re-run a review), behind basic auth.

import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";
import type { Express } from "express";

import type { QueueViewSettings } from "../config/queue-view-from.js";
import { requireBasicAuth } from "./require-basic-auth.js";

export const QUEUE_VIEW_PATH = "/queues";

export function mountQueueView(app: Express, queues: readonly Queue[], credentials: QueueViewSettings): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_VIEW_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
  });
  app.use(QUEUE_VIEW_PATH, requireBasicAuth(credentials, "foureyes queues"), serverAdapter.getRouter() as Express);
}

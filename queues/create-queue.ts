// The one way to make a BullMQ queue: a name, the shared Redis connection, the
// deployment's key prefix, and the job options of the feature that owns it.

import { type DefaultJobOptions, Queue } from "bullmq";

import type { RedisClient } from "../src/core/redis-client.js";

export interface QueueOptions {
  /** Redis key prefix (FOUREYES_QUEUE_PREFIX); tests use a unique one each. */
  prefix?: string;
  defaultJobOptions: DefaultJobOptions;
}

export function createQueue<Data, Result>(name: string, connection: RedisClient, options: QueueOptions): Queue<Data, Result, string> {
  return new Queue<Data, Result, string>(name, {
    connection,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    defaultJobOptions: options.defaultJobOptions,
  });
}

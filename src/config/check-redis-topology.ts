// Settings that are each valid but wrong together: Sentinel and Cluster at
// once, a Sentinel without its master's name, or a Cluster whose key prefix
// has no hash tag. On a Cluster every multi-key command and script (BullMQ's
// and foureyes' own) must find its keys in one hash slot; every key foureyes
// writes starts with FOUREYES_QUEUE_PREFIX, so a prefix like "{foureyes}"
// puts them all in one slot.

import type { z } from "zod";

import type { RedisNode } from "./redis-env-shape.js";

interface TopologySettings {
  REDIS_SENTINELS?: RedisNode[];
  REDIS_SENTINEL_MASTER?: string;
  REDIS_CLUSTER_NODES?: RedisNode[];
  FOUREYES_QUEUE_PREFIX?: string;
}

/** Redis' own rule: the part between the first "{" and the next "}", when not empty. */
const HASH_TAG = /^[^{]*\{[^}]+\}/;

export function checkRedisTopology(env: TopologySettings, ctx: z.RefinementCtx): void {
  if (env.REDIS_SENTINELS && env.REDIS_CLUSTER_NODES) {
    ctx.addIssue({ code: "custom", path: ["REDIS_CLUSTER_NODES"], message: "set either REDIS_SENTINELS or REDIS_CLUSTER_NODES, not both" });
  }
  if (env.REDIS_SENTINELS && !env.REDIS_SENTINEL_MASTER) {
    ctx.addIssue({ code: "custom", path: ["REDIS_SENTINEL_MASTER"], message: "REDIS_SENTINELS is set: name the master the sentinels monitor (e.g. mymaster)" });
  }
  if (env.REDIS_SENTINEL_MASTER && !env.REDIS_SENTINELS) {
    ctx.addIssue({ code: "custom", path: ["REDIS_SENTINELS"], message: "REDIS_SENTINEL_MASTER is set: list the sentinels as host:port pairs (e.g. 10.0.0.1:26379,10.0.0.2:26379)" });
  }
  if (env.REDIS_CLUSTER_NODES && !HASH_TAG.test(env.FOUREYES_QUEUE_PREFIX ?? "")) {
    ctx.addIssue({
      code: "custom",
      path: ["FOUREYES_QUEUE_PREFIX"],
      message: `on a Redis Cluster the prefix must be a hash tag such as {foureyes} (now ${JSON.stringify(env.FOUREYES_QUEUE_PREFIX ?? "unset")}), so each queue's and store's keys share one hash slot`,
    });
  }
}

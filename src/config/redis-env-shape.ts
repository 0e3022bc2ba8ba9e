// Where Redis is, from the environment: one server (REDIS_URL, the default),
// a master found through Redis Sentinel (REDIS_SENTINELS and
// REDIS_SENTINEL_MASTER), or a Redis Cluster (REDIS_CLUSTER_NODES). The one
// server carries its password and TLS in the URL (rediss://); Sentinel and
// Cluster take them from REDIS_USERNAME, REDIS_PASSWORD and REDIS_TLS.

import { z } from "zod";

export interface RedisNode {
  host: string;
  port: number;
}

/** "host:port,host:port" (an IPv6 host in brackets: "[::1]:6379"). */
const nodeList = (variable: string) =>
  z
    .string()
    .transform((text, ctx): RedisNode[] => {
      const nodes: RedisNode[] = [];
      for (const item of text.split(",").map((part) => part.trim()).filter((part) => part !== "")) {
        const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(item);
        const port = Number(match?.[2]);
        if (!match || port < 1 || port > 65_535) {
          ctx.addIssue({ code: "custom", message: `"${item}" is not host:port — ${variable} is a comma-separated list such as "10.0.0.1:6379,10.0.0.2:6379"` });
          return z.NEVER;
        }
        nodes.push({ host: (match[1] as string).replace(/^\[(.*)\]$/, "$1"), port });
      }
      if (nodes.length === 0) ctx.addIssue({ code: "custom", message: `${variable} names no node; give host:port pairs separated by commas` });
      return nodes;
    })
    .optional();

export const redisEnvShape = {
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** Sentinels to ask for the master (host:port list); needs REDIS_SENTINEL_MASTER. */
  REDIS_SENTINELS: nodeList("REDIS_SENTINELS"),
  /** The master's name as the sentinels know it (`sentinel monitor <name> …`). */
  REDIS_SENTINEL_MASTER: z.string().min(1).optional(),
  /** The sentinels' own password, when they have one (`requirepass` in sentinel.conf). */
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /** Some of the cluster's nodes (host:port list); the rest are discovered. */
  REDIS_CLUSTER_NODES: nodeList("REDIS_CLUSTER_NODES"),
  /** ACL user and password of the Sentinel master or the cluster's nodes (REDIS_URL carries its own). */
  REDIS_USERNAME: z.string().min(1).optional(),
  REDIS_PASSWORD: z.string().min(1).optional(),
  /** "true": TLS to the Sentinel master, the sentinels and the cluster's nodes (REDIS_URL: rediss://). */
  REDIS_TLS: z.enum(["true", "false"]).default("false"),
};

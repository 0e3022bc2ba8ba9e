// Octokit's throttling plugin paces an installation's requests with
// Bottleneck: writes a second apart, writes that notify people (reviews,
// comments) three seconds apart, ten requests at once. Kept in each process's
// memory, every worker process would keep its own pace and several together
// would post faster than one. Here the plugin's limiters live in Redis
// (Bottleneck clustering), so all workers share one pace per installation.

import Bottleneck from "bottleneck";

import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import type { AdvisoryOctokit } from "./octokit.js";

type ThrottleOptions = { enabled?: boolean; id?: string } & Record<string, unknown>;

/**
 * `Octokit` with the throttling plugin's limiters in Redis. The limiter id
 * names the installation (Probot sets it) after the prefix. Bottleneck's
 * scripts use all keys of one limiter together: on a Cluster the prefix's hash
 * tag ({foureyes}) keeps them in foureyes' slot; a prefix without braces gets
 * them around the whole id.
 */
export function shareThrottling(Octokit: typeof AdvisoryOctokit, redis: RedisClient, options: { prefix?: string | undefined; logger: Pick<Logger, "warn"> }): typeof AdvisoryOctokit {
  // Its own connection (Bottleneck adds its scripts to it and subscribes on a duplicate).
  const connection = new Bottleneck.IORedisConnection({ client: redis.duplicate() });
  connection.on("error", (error) => options.logger.warn({ err: error }, "the shared GitHub pace (Bottleneck on Redis) failed; Redis reconnects"));
  const prefix = options.prefix ?? "foureyes";
  return Octokit.defaults((instance: { throttle?: ThrottleOptions }) => {
    const throttle = instance.throttle;
    if (throttle?.enabled === false) return instance;
    const id = `${prefix}:github-pace:${throttle?.id ?? "app"}`;
    return { ...instance, throttle: { ...throttle, Bottleneck, connection, id: prefix.includes("{") ? id : `{${id}}` } };
  });
}

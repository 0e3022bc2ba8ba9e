// Where Redis is, from the environment: one server, Sentinel or Cluster, and
// a start-up message naming the variable and the fix when the settings are
// wrong alone or together.

import { describe, expect, it } from "vitest";

import { loadServerEnv } from "../../src/config/server-env.js";

describe("Redis settings", () => {
  it("reads Sentinel and Cluster node lists as host and port (IPv6 in brackets)", () => {
    const sentinel = loadServerEnv({ REDIS_SENTINELS: "10.0.0.1:26379, [::1]:26380", REDIS_SENTINEL_MASTER: "mymaster", REDIS_PASSWORD: "pw", REDIS_TLS: "true" });
    expect(sentinel).toMatchObject({
      REDIS_SENTINELS: [{ host: "10.0.0.1", port: 26379 }, { host: "::1", port: 26380 }],
      REDIS_SENTINEL_MASTER: "mymaster",
      REDIS_PASSWORD: "pw",
      REDIS_TLS: "true",
    });
    expect(loadServerEnv({ REDIS_CLUSTER_NODES: "redis-0.redis:6379", FOUREYES_QUEUE_PREFIX: "{foureyes}" }).REDIS_CLUSTER_NODES).toEqual([{ host: "redis-0.redis", port: 6379 }]);
    expect(loadServerEnv({})).toMatchObject({ REDIS_URL: "redis://127.0.0.1:6379", REDIS_TLS: "false" });
    expect(loadServerEnv({}).REDIS_SENTINELS).toBeUndefined();
  });

  it.each([
    [{ REDIS_CLUSTER_NODES: "10.0.0.1", FOUREYES_QUEUE_PREFIX: "{f}" }, /REDIS_CLUSTER_NODES: "10\.0\.0\.1" is not host:port/],
    [{ REDIS_CLUSTER_NODES: "10.0.0.1:70000", FOUREYES_QUEUE_PREFIX: "{f}" }, /REDIS_CLUSTER_NODES: "10\.0\.0\.1:70000" is not host:port/],
    [{ REDIS_CLUSTER_NODES: " , ", FOUREYES_QUEUE_PREFIX: "{f}" }, /REDIS_CLUSTER_NODES names no node/],
    [{ REDIS_SENTINELS: "10.0.0.1:26379" }, /REDIS_SENTINEL_MASTER: REDIS_SENTINELS is set: name the master/],
    [{ REDIS_SENTINEL_MASTER: "mymaster" }, /REDIS_SENTINELS: REDIS_SENTINEL_MASTER is set: list the sentinels/],
    [{ REDIS_SENTINELS: "a:1", REDIS_SENTINEL_MASTER: "m", REDIS_CLUSTER_NODES: "b:2", FOUREYES_QUEUE_PREFIX: "{f}" }, /either REDIS_SENTINELS or REDIS_CLUSTER_NODES, not both/],
    [{ REDIS_CLUSTER_NODES: "b:2", FOUREYES_QUEUE_PREFIX: "foureyes" }, /FOUREYES_QUEUE_PREFIX: on a Redis Cluster the prefix must be a hash tag such as \{foureyes\} \(now "foureyes"\)/],
    [{ REDIS_CLUSTER_NODES: "b:2", FOUREYES_QUEUE_PREFIX: "{}foureyes" }, /must be a hash tag/],
    [{ REDIS_TLS: "yes" }, /REDIS_TLS/],
  ])("refuses %j with a message naming the fix", (env, message) => {
    expect(() => loadServerEnv(env)).toThrow(message);
  });

  it("accepts any prefix whose first braces hold a tag, as Redis reads it", () => {
    expect(loadServerEnv({ REDIS_CLUSTER_NODES: "b:2", FOUREYES_QUEUE_PREFIX: "prod{foureyes}" }).FOUREYES_QUEUE_PREFIX).toBe("prod{foureyes}");
  });
});

// Starts a throwaway three-node Redis Cluster on loopback (three masters, no
// replicas): redis-server with --cluster-enabled on free ports, joined by
// `redis-cli --cluster create`, and waits until every node says the cluster
// is ok. Both programs come with Debian's redis-server package.

import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { Redis } from "ioredis";

import { freePort, type RedisProcess, startRedis } from "./redis-server.js";

const run = promisify(execFile);

export interface RedisCluster {
  nodes: { host: string; port: number }[];
  /** REDIS_CLUSTER_NODES for a foureyes process. */
  nodeList: string;
  stop(): Promise<void>;
}

export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), "foureyes-cluster-"));
  const servers: RedisProcess[] = [];
  try {
    for (let index = 0; index < size; index += 1) {
      const port = await freePort();
      const nodeDir = join(dir, String(port));
      mkdirSync(nodeDir);
      servers.push(await startRedis({ port, dir: nodeDir, extraArgs: ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000"] }));
    }
    const addresses = servers.map((server) => `127.0.0.1:${server.port}`);
    await run("redis-cli", ["--cluster", "create", ...addresses, "--cluster-replicas", "0", "--cluster-yes"]);
    for (const server of servers) await waitForClusterOk(server.port);
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    nodes: servers.map((server) => ({ host: "127.0.0.1", port: server.port })),
    nodeList: servers.map((server) => `127.0.0.1:${server.port}`).join(","),
    async stop() {
      await Promise.all(servers.map((server) => server.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Slots are assigned at once, but each node learns the others' through gossip. */
async function waitForClusterOk(port: number): Promise<void> {
  const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true });
  try {
    await client.connect();
    for (;;) {
      const info = await client.cluster("INFO");
      if (/cluster_state:ok/.test(info)) return;
      await new Promise((done) => setTimeout(done, 50));
    }
  } finally {
    client.disconnect();
  }
}

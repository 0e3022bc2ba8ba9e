// Starts a Redis master and one sentinel watching it (redis-server --sentinel
// with a config file in a temp dir) on loopback, optionally with a password on
// the master that the sentinel is told about.

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { freePort, startRedis } from "./redis-server.js";

export const SENTINEL_MASTER = "foureyes-master";

export interface RedisSentinel {
  /** REDIS_SENTINELS for a foureyes process. */
  sentinels: string;
  stop(): Promise<void>;
}

export async function startRedisSentinel(options: { password?: string } = {}): Promise<RedisSentinel> {
  const master = await startRedis({ extraArgs: options.password ? ["--requirepass", options.password] : [] });
  const dir = mkdtempSync(join(tmpdir(), "foureyes-sentinel-"));
  const port = await freePort();
  const config = [
    `port ${port}`,
    "bind 127.0.0.1",
    `dir ${dir}`,
    `sentinel monitor ${SENTINEL_MASTER} 127.0.0.1 ${master.port} 1`,
    ...(options.password ? [`sentinel auth-pass ${SENTINEL_MASTER} ${options.password}`] : []),
  ];
  writeFileSync(join(dir, "sentinel.conf"), `${config.join("\n")}\n`);
  const child: ChildProcess = spawn("redis-server", [join(dir, "sentinel.conf"), "--sentinel"], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    await new Promise<void>((resolve, reject) => {
      let output = "";
      child.stdout?.on("data", (data: Buffer) => {
        output += data.toString();
        if (output.includes("+monitor master")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`redis sentinel exited with ${code}: ${output}`)));
    });
  } catch (error) {
    await master.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    sentinels: `127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, "exit");
        child.kill("SIGKILL");
        await exited;
      }
      await master.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

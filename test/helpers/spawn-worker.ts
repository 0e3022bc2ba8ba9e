// Runs the real worker entry (src/worker.ts) as a child process against a
// loopback GitHub and model server, collecting its JSON log lines, for tests
// that kill or stop a worker process; openSpawnedWorkerRig sets all that up.

import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { once } from "node:events";
import { resolve } from "node:path";

import type { Redis } from "ioredis";

import { connectRedis } from "../../queues/connection.js";
import { createReviewQueue, type ReviewQueue } from "../../src/review/review-queue.js";
import { type LoopbackGitHub, startLoopbackGitHub } from "./loopback-github.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "./model-server.js";
import { MODEL_ANSWER } from "./queue-fixtures.js";

const ROOT = resolve(import.meta.dirname, "../..");
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export interface WorkerProcess {
  child: ChildProcess;
  /** Parsed JSON log lines (stdout). */
  logs: { msg?: string; [key: string]: unknown }[];
  /** Everything else it wrote. */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnWorkerOptions {
  /** REDIS_URL; leave it out when `env` says where Redis is (REDIS_CLUSTER_NODES, REDIS_SENTINELS). */
  redisUrl?: string;
  prefix: string;
  githubHost: string;
  modelUrl: string;
  /** More or overriding environment variables. */
  env?: Record<string, string>;
}

/** After a test, whatever it did to them: kills the workers still running and waits until every one has exited. */
export async function stopWorkers(workers: Iterable<WorkerProcess | undefined>): Promise<void> {
  for (const worker of workers) {
    if (!worker) continue;
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
    await worker.exited;
  }
}

export function spawnWorker(options: SpawnWorkerOptions): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/worker.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      FOUREYES_QUEUE_PREFIX: options.prefix,
      APP_ID: "12345",
      PRIVATE_KEY: privateKey,
      GHE_HOST: options.githubHost,
      GHE_PROTOCOL: "http",
      FOUREYES_MODEL_URL: options.modelUrl,
      FOUREYES_MODEL: MODEL_SERVER_MODEL,
      FOUREYES_MODEL_MAX_RETRIES: "0",
      FOUREYES_WORKER_CONCURRENCY: "1",
      // One job at a time needs one analysis thread: still the pool of production, at half the start-up.
      FOUREYES_ANALYSIS_THREADS: "1",
      // Any free port for the worker's probes, so workers side by side do not collide.
      FOUREYES_WORKER_HTTP_PORT: "0",
      LOG_LEVEL: "info",
      ...options.env,
    },
  });
  const worker: WorkerProcess = {
    child,
    logs: [],
    output: [],
    exited: once(child, "exit").then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null })),
  };
  let pending = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      try {
        worker.logs.push(JSON.parse(line) as WorkerProcess["logs"][number]);
      } catch {
        worker.output.push(line);
      }
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => worker.output.push(chunk.toString("utf8")));
  return worker;
}

/** Polls until `condition` holds; the test's timeout bounds the wait. Fails at once when `worker` exits meanwhile. */
export async function waitForWhileRunning(what: string, condition: () => boolean | Promise<boolean>, worker?: WorkerProcess): Promise<void> {
  for (;;) {
    if (await condition()) return;
    if (worker && worker.child.exitCode !== null) {
      throw new Error(`worker exited (${worker.child.exitCode}) while waiting for ${what}:\n${worker.output.join("\n")}`);
    }
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** A worker-process test's surroundings: Redis under a prefix of its own, a review queue, a loopback GitHub and model server. */
export interface SpawnedWorkerRig {
  redis: Redis;
  prefix: string;
  queue: ReviewQueue;
  github: LoopbackGitHub;
  model: ModelServer;
  /** Starts a worker process on all of them; close() kills it if the test did not. */
  spawn(env?: Record<string, string>): WorkerProcess;
  close(): Promise<void>;
}

export async function openSpawnedWorkerRig(redisUrl: string, options: { attempts?: number } = {}): Promise<SpawnedWorkerRig> {
  const prefix = `test-${randomUUID()}`;
  const redis = await connectRedis(redisUrl, { role: "worker" });
  const queue = createReviewQueue(redis, { prefix, attempts: options.attempts ?? 3, backoffMs: 10 });
  const github = await startLoopbackGitHub();
  const model = await startModelServer({ content: MODEL_ANSWER });
  const workers: WorkerProcess[] = [];
  return {
    redis,
    prefix,
    queue,
    github,
    model,
    spawn(env = {}) {
      const worker = spawnWorker({ redisUrl, prefix, githubHost: github.host, modelUrl: model.url, env });
      workers.push(worker);
      return worker;
    },
    async close() {
      await stopWorkers(workers.splice(0));
      await queue.obliterate({ force: true });
      await queue.close();
      await redis.quit();
      await model.close();
      await github.close();
    },
  };
}

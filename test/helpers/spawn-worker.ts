// Runs the real worker entry (src/worker.ts) as a child process against a
// loopback GitHub and model server, collecting its JSON log lines, for tests
// that kill or stop a worker process.

import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { once } from "node:events";
import { resolve } from "node:path";

import { MODEL_SERVER_MODEL } from "./model-server.js";

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

// Runs the real web entry (src/web.ts) as a child process on a free loopback
// port against a loopback GitHub, and delivers signed webhooks to it, for
// tests that run several web processes side by side.

import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { once } from "node:events";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export const WEB_WEBHOOK_SECRET = "spawned-web-secret";

export interface WebProcess {
  child: ChildProcess;
  port: number;
  /** Everything it wrote. */
  output: string[];
  /** POSTs a webhook signed with WEB_WEBHOOK_SECRET; resolves with the HTTP status. */
  deliver(name: string, payload: unknown): Promise<number>;
  stop(): Promise<void>;
}

/** `env` says where Redis is (REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS…) and anything else to set. */
export async function spawnWeb(options: { prefix: string; githubHost: string; env: Record<string, string> }): Promise<WebProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/web.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      APP_ID: "12345",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: WEB_WEBHOOK_SECRET,
      FOUREYES_QUEUE_PREFIX: options.prefix,
      GHE_HOST: options.githubHost,
      GHE_PROTOCOL: "http",
      PORT: "0",
      HOST: "127.0.0.1",
      FOUREYES_WEB_METRICS_PORT: "0",
      LOG_LEVEL: "info",
      ...options.env,
    },
  });
  const output: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const port = await new Promise<number>((done, fail) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output.push(chunk.toString("utf8"));
      const match = /"port":(\d+)/.exec(output.join(""));
      if (match) done(Number(match[1]));
    });
    child.once("exit", (code) => fail(new Error(`web exited ${code}: ${output.join("")}`)));
  });
  return {
    child,
    port,
    output,
    async deliver(name, payload) {
      const body = JSON.stringify(payload);
      const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-github-event": name,
          "x-github-delivery": randomUUID(),
          "x-hub-signature-256": `sha256=${createHmac("sha256", WEB_WEBHOOK_SECRET).update(body).digest("hex")}`,
        },
      });
      await response.arrayBuffer();
      return response.status;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    },
  };
}

// The process entries refuse to start on a bad environment, exit 1, and name
// the variables to fix; that includes app credentials GitHub does not accept
// (GET /app, which tells each process who foureyes is).

import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { once } from "node:events";
import { resolve } from "node:path";

import { describe, expect, inject, it } from "vitest";

import { startLoopbackGitHub } from "../helpers/loopback-github.js";

const ROOT = resolve(import.meta.dirname, "../..");
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

async function runEntry(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stderr };
}

describe("process entries on a bad environment", { timeout: 30_000 }, () => {
  it("web: names APP_ID, the private key and WEBHOOK_SECRET when they are missing", async () => {
    const { code, stderr } = await runEntry("src/web.ts", {});
    expect(code).toBe(1);
    expect(stderr).toMatch(/^foureyes web: Invalid GitHub App environment/m);
    expect(stderr).toContain("APP_ID");
    expect(stderr).toContain("PRIVATE_KEY or PRIVATE_KEY_PATH");
    expect(stderr).toContain("WEBHOOK_SECRET");
  });

  it("worker: does not need WEBHOOK_SECRET, but says when the private key is not a key", async () => {
    const { code, stderr } = await runEntry("src/worker.ts", { APP_ID: "12", PRIVATE_KEY: "hunter2" });
    expect(code).toBe(1);
    expect(stderr).toContain("PRIVATE_KEY: not a PEM private key");
    expect(stderr).not.toContain("WEBHOOK_SECRET");
    expect(stderr).not.toContain("hunter2");
  });

  it("worker: names the bad server variable", async () => {
    const { code, stderr } = await runEntry("src/worker.ts", { APP_ID: "12", PRIVATE_KEY: privateKey, FOUREYES_WORKER_CONCURRENCY: "lots" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/foureyes worker: Invalid server environment.*FOUREYES_WORKER_CONCURRENCY/);
  });

  it("worker: says which Redis it cannot reach and to check REDIS_URL", async () => {
    const { code, stderr } = await runEntry("src/worker.ts", {
      APP_ID: "12",
      PRIVATE_KEY: privateKey,
      REDIS_URL: "redis://127.0.0.1:1",
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/foureyes worker: cannot reach Redis at redis:\/\/127\.0\.0\.1:1.*check REDIS_URL/);
  });

  it.each(["src/web.ts", "src/worker.ts"])("%s: stops when GitHub does not accept the app's credentials, naming APP_ID and PRIVATE_KEY", async (entry) => {
    const github = await startLoopbackGitHub();
    github.appStatus = 401;
    try {
      const { code, stderr } = await runEntry(entry, {
        APP_ID: "12",
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: "s",
        REDIS_URL: inject("redisUrl"),
        GHE_HOST: github.host,
        GHE_PROTOCOL: "http",
        PORT: "0",
        HOST: "127.0.0.1",
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^foureyes (web|worker): cannot read the GitHub App's identity \(GET \/app: GitHub answered 401\); check APP_ID and PRIVATE_KEY/m);
      expect(github.requests.filter((request) => request.path === "/api/v3/app")).toHaveLength(1);
    } finally {
      await github.close();
    }
  });

  it("worker: names a bad FOUREYES_AUDIT_SIGNING_KEY in one line, without a stack", async () => {
    const github = await startLoopbackGitHub();
    try {
      const { code, stderr } = await runEntry("src/worker.ts", {
        APP_ID: "12",
        PRIVATE_KEY: privateKey,
        REDIS_URL: inject("redisUrl"),
        FOUREYES_QUEUE_PREFIX: "entry-env-signing-key",
        FOUREYES_AUDIT_SIGNING_KEY: "not-a-key",
        GHE_HOST: github.host,
        GHE_PROTOCOL: "http",
        FOUREYES_WORKER_HTTP_PORT: "0",
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^foureyes worker: FOUREYES_AUDIT_SIGNING_KEY is not a PEM private key/m);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      await github.close();
    }
  });

  it("web: starts with a good environment, answers /healthz, and serves /metrics only on its internal port", async () => {
    const github = await startLoopbackGitHub();
    const child = spawn(process.execPath, ["--import", "tsx", "src/web.ts"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        APP_ID: "12",
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: "s",
        REDIS_URL: inject("redisUrl"),
        GHE_HOST: github.host,
        GHE_PROTOCOL: "http",
        PORT: "0",
        HOST: "127.0.0.1",
        FOUREYES_WEB_METRICS_PORT: "0",
      },
    });
    try {
      let stdout = "";
      const [port, metricsPort] = await new Promise<[number, number]>((done, fail) => {
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString("utf8");
          const ports = [...stdout.matchAll(/"port":(\d+)/g)].map((match) => Number(match[1]));
          if (ports.length >= 2) done([ports[0] as number, ports[1] as number]);
        });
        child.on("exit", (code) => fail(new Error(`web exited ${code}: ${stdout}`)));
      });
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain("foureyes_webhooks_total");
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      expect(code).toBe(0);
      expect(github.requests.map((request) => `${request.method} ${request.path}`)).toContain("GET /api/v3/app");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await github.close();
    }
  });
});

// The probes both processes serve: /healthz (the process is up), /readyz
// (each dependency answers) and, on an internal port, /metrics (Prometheus).
// Anyone who can reach the port may ask, so answers are fixed words naming a
// dependency at most; why a check failed (hosts, URLs, settings) goes to the
// operator's log.

import type { IncomingMessage, ServerResponse } from "node:http";

import type { Logger } from "../core/logger.js";
import { metricsRegistry } from "../metrics/metrics-registry.js";

export interface ReadinessCheck {
  /** Fixed words for the answer, e.g. "redis" or "model server". */
  name: string;
  /** Resolves when the dependency answers. */
  check(): Promise<unknown>;
}

/** A dependency that has not answered by then is not ready (a probe must not hang). */
const CHECK_TIMEOUT_MS = 3_000;

/** Answers the probe paths and returns true; returns false for every other request. */
export function createProbeHandler(
  checks: readonly ReadinessCheck[],
  log: Pick<Logger, "warn" | "error">,
  serves: { metrics: boolean },
): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") return false;
    const path = new URL(request.url ?? "/", "http://probe").pathname;
    if (path === "/healthz") response.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    else if (path === "/readyz") void answerReadiness(checks, log, response);
    else if (path === "/metrics" && serves.metrics) void answerMetrics(log, response);
    else return false;
    return true;
  };
}

async function answerReadiness(checks: readonly ReadinessCheck[], log: Pick<Logger, "warn">, response: ServerResponse): Promise<void> {
  const failed: string[] = [];
  await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS);
      } catch (error) {
        log.warn({ err: error, check: name }, `/readyz: ${name} did not answer; answered 503`);
        failed.push(name);
      }
    }),
  );
  if (failed.length === 0) response.writeHead(200, { "content-type": "text/plain" }).end("ready\n");
  else response.writeHead(503, { "content-type": "text/plain" }).end(`not ready: ${failed.sort().join(", ")} unreachable\n`);
}

async function answerMetrics(log: Pick<Logger, "error">, response: ServerResponse): Promise<void> {
  try {
    const text = await metricsRegistry.metrics();
    response.writeHead(200, { "content-type": metricsRegistry.contentType }).end(text);
  } catch (error) {
    log.error({ err: error }, "/metrics: could not collect the metrics");
    response.writeHead(500, { "content-type": "text/plain" }).end("metrics unavailable\n");
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

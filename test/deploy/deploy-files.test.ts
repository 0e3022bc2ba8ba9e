// The other files in deploy/: every FOUREYES_* setting they name is one the
// server reads; the systemd units are hardened, read their settings from an
// EnvironmentFile and give the worker longer to stop than its shutdown grace;
// each model-server recipe parses and comes with the settings foureyes needs.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";

import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

import { serverEnvSchema } from "../../src/config/server-env.js";

const DEPLOY = resolve(import.meta.dirname, "../../deploy");

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = resolve(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** systemd's unit syntax: [Section] and Key=Value lines; a key may repeat. */
function parseUnit(text: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  let section = "";
  for (const line of text.split("\n").map((raw) => raw.trim())) {
    if (!line || line.startsWith("#")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1] as string;
      continue;
    }
    const at = line.indexOf("=");
    const key = `${section}.${line.slice(0, at)}`;
    keys.set(key, [...(keys.get(key) ?? []), line.slice(at + 1)]);
  }
  return keys;
}

const HARDENING: Record<string, string> = {
  NoNewPrivileges: "yes",
  ProtectSystem: "strict",
  ProtectHome: "yes",
  PrivateTmp: "yes",
  PrivateDevices: "yes",
  ProtectKernelTunables: "yes",
  ProtectKernelModules: "yes",
  ProtectControlGroups: "yes",
  RestrictSUIDSGID: "yes",
  CapabilityBoundingSet: "",
};

describe("deploy/", () => {
  it("names only FOUREYES_* settings the server reads", () => {
    const known = new Set(Object.keys(serverEnvSchema.shape));
    const named = new Map<string, string>();
    for (const file of listFiles(DEPLOY)) {
      for (const [name] of readFileSync(file, "utf8").matchAll(/\bFOUREYES_[A-Z0-9_]+/g)) named.set(name, relative(DEPLOY, file));
    }
    expect(named.size).toBeGreaterThan(0);
    for (const [name, file] of named) expect(known.has(name), `${name} (in deploy/${file}) is read by src/config/server-env.ts`).toBe(true);
  });

  it.each(["foureyes-web.service", "foureyes-worker.service"])("systemd/%s is hardened and reads an EnvironmentFile", (name) => {
    const unit = parseUnit(readFileSync(resolve(DEPLOY, "systemd", name), "utf8"));
    for (const [key, value] of Object.entries(HARDENING)) expect(unit.get(`Service.${key}`), `${name}: ${key}`).toEqual([value]);
    expect(unit.get("Service.User")).toEqual(["foureyes"]);
    expect(unit.get("Service.EnvironmentFile")?.[0]).toMatch(/^\/etc\/foureyes\//);
    expect(unit.get("Service.ExecStart")?.[0]).toMatch(/dist\/src\/(web|worker)\.js$/);
    expect(unit.get("Service.KillSignal")).toEqual(["SIGTERM"]);
  });

  it("gives the systemd worker longer to stop than its shutdown grace", () => {
    const unit = parseUnit(readFileSync(resolve(DEPLOY, "systemd/foureyes-worker.service"), "utf8"));
    const graceMs = serverEnvSchema.shape.FOUREYES_SHUTDOWN_GRACE_MS.parse(undefined);
    expect(Number(unit.get("Service.TimeoutStopSec")?.[0])).toBeGreaterThanOrEqual(graceMs / 1000 + 5);
  });

  it("gives the compose worker longer to stop than its shutdown grace (compose's default is 10 s)", () => {
    const compose = parseAllDocuments(readFileSync(resolve(DEPLOY, "compose.yaml"), "utf8"))[0]?.toJS() as { services: { worker: { stop_grace_period?: string } } };
    const graceMs = serverEnvSchema.shape.FOUREYES_SHUTDOWN_GRACE_MS.parse(undefined);
    const stop = /^(\d+)s$/.exec(compose.services.worker.stop_grace_period ?? "10s");
    expect(Number(stop?.[1])).toBeGreaterThanOrEqual(graceMs / 1000 + 5);
  });

  it.each(["vllm", "ollama", "llama-cpp"])("model-servers/%s: the recipe parses and its settings are valid for foureyes", (server) => {
    const recipe = readFileSync(resolve(DEPLOY, "model-servers", `${server}.compose.yaml`), "utf8");
    for (const document of parseAllDocuments(recipe)) expect(document.errors).toEqual([]);
    const settings = Object.fromEntries(
      readFileSync(resolve(DEPLOY, "model-servers", `${server}.env`), "utf8")
        .split("\n")
        .filter((line) => /^[A-Z]/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(Object.keys(settings)).toEqual(expect.arrayContaining(["FOUREYES_MODEL_URL", "FOUREYES_MODEL"]));
    expect(serverEnvSchema.safeParse(settings).success).toBe(true);
    // The URL names the service of the recipe, on the port it serves.
    const service = Object.keys((parseAllDocuments(recipe)[0]?.toJS() as { services: Record<string, unknown> }).services)[0] as string;
    const url = new URL(settings.FOUREYES_MODEL_URL as string);
    expect(url.hostname).toBe(service);
    expect(recipe).toContain(`"${url.port}:${url.port}"`);
    expect(url.pathname).toBe("/v1");
  });

  it("sets Ollama's context length above one prompt and answer", () => {
    const recipe = parseAllDocuments(readFileSync(resolve(DEPLOY, "model-servers/ollama.compose.yaml"), "utf8"))[0]?.toJS() as {
      services: { ollama: { environment: Record<string, string> } };
    };
    const context = Number(recipe.services.ollama.environment.OLLAMA_CONTEXT_LENGTH);
    const defaults = serverEnvSchema.parse({});
    expect(context).toBeGreaterThan(defaults.FOUREYES_CHUNK_TOKENS + defaults.FOUREYES_MODEL_MAX_OUTPUT_TOKENS);
  });
});

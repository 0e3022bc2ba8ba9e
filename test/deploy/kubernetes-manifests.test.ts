// The Kubernetes base in deploy/kubernetes, checked without a cluster or the
// network: every document parses, has a kind and apiVersion the base may use,
// and carries what a safe deploy needs (probes on the ports the processes
// serve, resources, a locked-down security context, a worker grace period
// above FOUREYES_SHUTDOWN_GRACE_MS, secrets that exist in the Secret template,
// budgets and services that select real pods).

import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

import { serverEnvSchema } from "../../src/config/server-env.js";

const DIR = resolve(import.meta.dirname, "../../deploy/kubernetes");

/** The kinds this base uses, with the only apiVersion each is served under today. */
const KNOWN_KINDS: Record<string, string> = {
  ConfigMap: "v1",
  Deployment: "apps/v1",
  Kustomization: "kustomize.config.k8s.io/v1beta1",
  PodDisruptionBudget: "policy/v1",
  Secret: "v1",
  Service: "v1",
  StatefulSet: "apps/v1",
};

interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
  [key: string]: unknown;
}

interface Container {
  name: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; runAsNonRoot?: boolean; capabilities?: { drop?: string[] } };
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  volumeMounts?: { name: string; mountPath: string }[];
}

interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
}

interface PodSpec {
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean };
  containers: Container[];
  volumes?: { name: string }[];
}

interface Workload extends Manifest {
  spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec }; volumeClaimTemplates?: { metadata: { name: string } }[] };
}

function readManifests(): Manifest[] {
  const manifests: Manifest[] = [];
  for (const file of readdirSync(DIR).filter((name) => name.endsWith(".yaml"))) {
    for (const document of parseAllDocuments(readFileSync(resolve(DIR, file), "utf8"))) {
      expect(document.errors, `${file} parses`).toEqual([]);
      manifests.push({ ...(document.toJS() as Omit<Manifest, "file">), file } as Manifest);
    }
  }
  return manifests;
}

const manifests = readManifests();
const byKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const workloads = [...byKind("Deployment"), ...byKind("StatefulSet")] as Workload[];
const workload = (name: string) => workloads.find((item) => item.metadata?.name === name) as Workload;
const configMap = byKind("ConfigMap")[0] as Manifest & { data: Record<string, string> };
const secretTemplate = byKind("Secret")[0] as Manifest & { metadata: { name: string }; stringData: Record<string, string> };
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([key, value]) => labels[key] === value);

describe("deploy/kubernetes", () => {
  it("holds only known kinds under their apiVersion, each named", () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests) {
      expect(KNOWN_KINDS[manifest.kind], `${manifest.file}: kind ${manifest.kind}`).toBe(manifest.apiVersion);
      if (manifest.kind !== "Kustomization") expect(manifest.metadata?.name, `${manifest.file}: ${manifest.kind} has a name`).toBeTruthy();
    }
  });

  it("lists every manifest but the Secret template in the kustomization", () => {
    const kustomization = byKind("Kustomization")[0] as Manifest & { resources: string[] };
    const files = new Set(manifests.map((manifest) => manifest.file));
    files.delete("kustomization.yaml");
    files.delete(secretTemplate.file);
    expect(new Set(kustomization.resources)).toEqual(files);
    // Applying the template would overwrite the real credentials.
    expect(kustomization.resources).not.toContain(secretTemplate.file);
  });

  it("runs web, worker and Redis, each container probed, bounded and locked down", () => {
    expect(workloads.map((item) => `${item.kind}/${item.metadata?.name}`).sort()).toEqual([
      "Deployment/foureyes-web",
      "Deployment/foureyes-worker",
      "StatefulSet/foureyes-redis",
    ]);
    for (const item of workloads) {
      const pod = item.spec.template.spec;
      expect(matches(item.spec.selector.matchLabels, item.spec.template.metadata.labels), `${item.metadata?.name}: selector matches its pods`).toBe(true);
      expect(pod.securityContext?.runAsNonRoot, `${item.metadata?.name}: runAsNonRoot`).toBe(true);
      for (const container of pod.containers) {
        const what = `${item.metadata?.name}/${container.name}`;
        expect(container.livenessProbe, `${what}: liveness probe`).toBeDefined();
        expect(container.readinessProbe, `${what}: readiness probe`).toBeDefined();
        for (const kind of ["requests", "limits"] as const) {
          expect(Object.keys(container.resources?.[kind] ?? {}).sort(), `${what}: resource ${kind}`).toEqual(["cpu", "memory"]);
        }
        expect(container.securityContext, `${what}: security context`).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
        const volumes = new Set([...(pod.volumes ?? []), ...(item.spec.volumeClaimTemplates ?? []).map((claim) => claim.metadata)].map((volume) => volume.name));
        for (const mount of container.volumeMounts ?? []) expect(volumes.has(mount.name), `${what}: volume ${mount.name} exists`).toBe(true);
      }
    }
  });

  it("probes /healthz for liveness and /readyz for readiness, on the port each process serves", () => {
    const expected = { "foureyes-web": 3000, "foureyes-worker": 9465 };
    for (const [name, port] of Object.entries(expected)) {
      const [container] = workload(name).spec.template.spec.containers as [Container];
      const named = (container.ports ?? []).find((entry) => entry.name === container.livenessProbe?.httpGet?.port);
      expect(named?.containerPort, `${name}: probe port`).toBe(port);
      expect(container.livenessProbe?.httpGet?.path).toBe("/healthz");
      expect(container.readinessProbe).toEqual(expect.objectContaining({ httpGet: { path: "/readyz", port: container.livenessProbe?.httpGet?.port } }));
    }
    const web = workload("foureyes-web").spec.template.spec.containers[0] as Container;
    expect(web.env).toContainEqual({ name: "PORT", value: "3000" });
    // /metrics is not on the webhook port: the web process serves it on its own.
    const metricsPort = serverEnvSchema.shape.FOUREYES_WEB_METRICS_PORT.parse(configMap.data.FOUREYES_WEB_METRICS_PORT);
    expect(web.ports).toContainEqual({ name: "metrics", containerPort: metricsPort });
  });

  it("gives the worker longer to stop than its shutdown grace, with a margin to close Redis", () => {
    const graceMs = Number(configMap.data.FOUREYES_SHUTDOWN_GRACE_MS ?? serverEnvSchema.shape.FOUREYES_SHUTDOWN_GRACE_MS.parse(undefined));
    const podGrace = workload("foureyes-worker").spec.template.spec.terminationGracePeriodSeconds ?? 30;
    expect(podGrace).toBeGreaterThanOrEqual(graceMs / 1000 + 5);
  });

  it("runs Redis with append-only persistence on a volume", () => {
    const redis = workload("foureyes-redis");
    const [container] = redis.spec.template.spec.containers as [Container & { args: string[] }];
    expect(container.args.join(" ")).toContain("--appendonly yes");
    expect(container.volumeMounts).toContainEqual(expect.objectContaining({ mountPath: "/data" }));
    expect(redis.spec.volumeClaimTemplates?.map((claim) => claim.metadata.name)).toEqual(["data"]);
  });

  it("takes secrets only from the Secret template's keys, and keeps them out of the ConfigMap", () => {
    const secretKeys = new Set(Object.keys(secretTemplate.stringData));
    expect([...secretKeys].sort()).toEqual(["APP_ID", "FOUREYES_MODEL_API_KEY", "PRIVATE_KEY", "WEBHOOK_SECRET"]);
    for (const item of workloads.filter((entry) => entry.metadata?.name !== "foureyes-redis")) {
      const [container] = item.spec.template.spec.containers as [Container];
      expect(container.envFrom).toContainEqual({ secretRef: { name: secretTemplate.metadata.name } });
      expect(container.envFrom).toContainEqual({ configMapRef: { name: configMap.metadata?.name } });
      for (const entry of container.env ?? []) {
        const ref = entry.valueFrom?.secretKeyRef;
        if (ref) expect(ref.name === secretTemplate.metadata.name && secretKeys.has(ref.key), `${entry.name} from ${ref.name}/${ref.key}`).toBe(true);
      }
    }
    for (const key of secretKeys) expect(configMap.data, `${key} is not in the ConfigMap`).not.toHaveProperty(key);
  });

  it("has budgets and services that select the pods they are for", () => {
    const budgets = byKind("PodDisruptionBudget") as (Manifest & { spec: { selector: { matchLabels: Record<string, string> } } })[];
    expect(budgets.map((budget) => budget.metadata?.name).sort()).toEqual(["foureyes-web", "foureyes-worker"]);
    const services = byKind("Service") as (Manifest & { spec: { selector: Record<string, string> } })[];
    for (const entry of [...budgets.map((budget) => ({ name: budget.metadata?.name, selector: budget.spec.selector.matchLabels })), ...services.map((service) => ({ name: service.metadata?.name, selector: service.spec.selector }))]) {
      const selected = workloads.filter((item) => matches(entry.selector, item.spec.template.metadata.labels));
      expect(selected.map((item) => item.metadata?.name), `${entry.name} selects`).toEqual([entry.name]);
    }
  });
});

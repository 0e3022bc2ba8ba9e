// The Grafana dashboard and the example alerts in deploy/ speak only of
// metrics the processes serve: every metric name in a panel or alert
// expression is registered (a renamed metric would leave a panel empty and an
// alert silent without anyone noticing).

import { readdirSync, readFileSync } from "node:fs";

import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

import { metricsRegistry } from "../../src/metrics/metrics-registry.js";

const ROOT = new URL("../../", import.meta.url);
const METRICS_DIR = new URL("src/metrics/", ROOT);

interface Dashboard {
  title: string;
  uid: string;
  panels: { id: number; title: string; targets: { expr: string }[] }[];
}

interface AlertRules {
  groups: { name: string; rules: { alert: string; expr: string; labels: { severity: string }; annotations: { summary: string } }[] }[];
}

const dashboard = JSON.parse(readFileSync(new URL("deploy/grafana/foureyes-dashboard.json", ROOT), "utf8")) as Dashboard;
const alerts = parse(readFileSync(new URL("deploy/prometheus/alerts.yml", ROOT), "utf8")) as AlertRules;

/** Metric names in a PromQL expression: ours and the default process metrics, histogram series folded to their metric. */
function metricNames(expr: string): string[] {
  const names = expr.match(/\b(?:foureyes|process|nodejs)_[a-z0-9_]+\b/g) ?? [];
  return names.map((name) => name.replace(/_(bucket|count|sum)$/, ""));
}

let registered: Set<string>;

beforeAll(async () => {
  // Every metric registers itself when its module loads: load them all.
  for (const file of readdirSync(METRICS_DIR).filter((name) => name.endsWith(".ts"))) await import(new URL(file, METRICS_DIR).href);
  registered = new Set((await metricsRegistry.getMetricsAsJSON()).map((metric) => metric.name));
});

describe("deploy/grafana/foureyes-dashboard.json", () => {
  it("is a dashboard whose panels each query something, with unique ids", () => {
    expect(dashboard.uid).toMatch(/\S/);
    expect(dashboard.panels.length).toBeGreaterThan(5);
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) expect(panel.targets.length, panel.title).toBeGreaterThan(0);
  });

  it("uses only registered metrics, and all the foureyes ones", () => {
    const used = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricNames(target.expr)));
    expect(used.filter((name) => !registered.has(name))).toEqual([]);
    const ours = [...registered].filter((name) => name.startsWith("foureyes_"));
    expect(ours.filter((name) => !used.includes(name))).toEqual([]);
  });
});

describe("deploy/prometheus/alerts.yml", () => {
  it("has the queue, model and review groups, each rule with a severity and a summary", () => {
    expect(alerts.groups.map((group) => group.name)).toEqual(["foureyes-queues", "foureyes-model", "foureyes-reviews"]);
    for (const rule of alerts.groups.flatMap((group) => group.rules)) {
      expect(rule.alert).toMatch(/^Foureyes[A-Za-z]+$/);
      expect(["warning", "critical"]).toContain(rule.labels.severity);
      expect(rule.annotations.summary).toMatch(/\S/);
    }
    const names = alerts.groups.flatMap((group) => group.rules.map((rule) => rule.alert));
    expect(names).toEqual(expect.arrayContaining(["FoureyesReviewQueueStuck", "FoureyesModelErrors", "FoureyesNoReviewsPosted"]));
  });

  it("uses only registered metrics, with balanced parentheses", () => {
    for (const rule of alerts.groups.flatMap((group) => group.rules)) {
      expect(metricNames(rule.expr).length, rule.alert).toBeGreaterThan(0);
      expect(metricNames(rule.expr).filter((name) => !registered.has(name)), rule.alert).toEqual([]);
      let depth = 0;
      for (const char of rule.expr) {
        depth += char === "(" ? 1 : char === ")" ? -1 : 0;
        expect(depth, rule.alert).toBeGreaterThanOrEqual(0);
      }
      expect(depth, rule.alert).toBe(0);
    }
  });

  it("checks its own extraction: an unknown metric name is caught", () => {
    expect(metricNames("sum(rate(foureyes_not_a_metric_total[5m]))").filter((name) => !registered.has(name))).toEqual(["foureyes_not_a_metric_total"]);
  });
});

// The one Prometheus registry of a foureyes process: the default process
// metrics (CPU, memory, event loop lag, GC) plus foureyes_* metrics, which
// register themselves here. /metrics on the web and worker processes renders it.

import { collectDefaultMetrics, Registry } from "prom-client";

export const metricsRegistry = new Registry();

collectDefaultMetrics({ register: metricsRegistry });

// One window of simulated traffic through the real pipeline: corpus pull
// requests arrive at random (Poisson) times, each becomes a BullMQ job on a real
// Redis, workers run the whole review (classification, tree-sitter analysis,
// rules, chunking, the openai SDK against the emulated GPU) and "post" it to a
// sink that notes the time. GitHub is not in the loop: its pace is its own
// figure (issue: post at GitHub's pace).

import type { Job } from "bullmq";
import type { Redis } from "ioredis";

import { createJobWorker } from "../../../queues/create-job-worker.js";
import { createQueue } from "../../../queues/create-queue.js";
import { DEFAULT_REPO_CONFIG } from "../../../src/config/repo-config.js";
import type { ReviewLimits } from "../../../src/config/server-env.js";
import { createModelClient } from "../../../src/llm/create-model-client.js";
import type { ReviewSource } from "../../../src/review/ports.js";
import { runReview } from "../../../src/review/run.js";
import { corpusChangedFiles, corpusHeadText, type CorpusPullRequest } from "../../helpers/corpus.js";
import { type GpuTotals, startEmulatedGpu } from "./emulated-gpu.js";
import type { FleetSettings } from "./fleet-settings.js";

export interface WindowPlan {
  label: string;
  /** Pull requests per simulated hour. */
  ratePerHour: number;
  minutes: number;
  /** Review jobs run at once across all worker processes. */
  workers: number;
  /** Simulated seconds per wall-clock second. */
  timeScale: number;
}

export interface WindowResult {
  plan: WindowPlan;
  /** Simulated seconds from arrival to posted review, one per pull request. */
  latencies: number[];
  changedLines: number;
  gpu: GpuTotals;
  wallSeconds: number;
}

const LIMITS: ReviewLimits = { chunkTokens: 6000, maxFiles: 300, maxFileBytes: 400_000 };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export async function replayWindow(plan: WindowPlan, corpus: CorpusPullRequest[], settings: FleetSettings, redis: Redis): Promise<WindowResult> {
  const random = seededRandom(settings.seed);
  const arrivals = poissonArrivals(plan.ratePerHour / 3600, plan.minutes * 60, random).map((at) => ({
    at,
    pull: corpus[Math.floor(random() * corpus.length)] as CorpusPullRequest,
  }));
  const gpu = await startEmulatedGpu({ profile: settings.gpu, timeScale: plan.timeScale, answerTokens: settings.answerTokens });
  const model = createModelClient({
    baseURL: gpu.url,
    model: "emulated-h100",
    concurrency: settings.modelConcurrency,
    timeoutMs: 600_000,
    maxRetries: 0,
    maxOutputTokens: settings.answerTokens,
  });
  const prefix = `fleet-${process.pid}-${plan.label.replace(/\W+/g, "-")}`;
  const queue = createQueue<{ index: number; arrivedAt: number }, number>("fleet", redis, { prefix, defaultJobOptions: { removeOnComplete: true } });
  const posted: number[] = [];
  const reviewJob = async (job: Job<unknown, number>): Promise<number> => {
    const { index, arrivedAt } = job.data as { index: number; arrivedAt: number };
    const pull = arrivals[index]?.pull as CorpusPullRequest;
    await runReview({
      source: corpusSource(pull),
      sink: { publish: async () => void posted.push(((performance.now() - arrivedAt) / 1000) * plan.timeScale) },
      model,
      limits: LIMITS,
      modelConcurrency: settings.modelConcurrency,
      onModelUnavailable: "throw",
    });
    return index;
  };
  const workerConnection = redis.duplicate();
  const worker = createJobWorker("fleet", "fleet review", workerConnection, reviewJob, { concurrency: plan.workers, prefix, logger: silent });
  const started = performance.now();
  try {
    for (const [index, arrival] of arrivals.entries()) {
      await sleepUntil(started + (arrival.at / plan.timeScale) * 1000);
      await queue.add("review", { index, arrivedAt: performance.now() });
    }
    while (posted.length < arrivals.length) await sleep(50);
    return {
      plan,
      latencies: posted,
      changedLines: arrivals.reduce((sum, arrival) => sum + arrival.pull.changedLines, 0),
      gpu: gpu.totals(),
      wallSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await worker.close();
    workerConnection.disconnect();
    await queue.obliterate({ force: true });
    await queue.close();
    await gpu.close();
  }
}

function corpusSource(pull: CorpusPullRequest): ReviewSource {
  return {
    loadSnapshot: async () => ({
      label: `${pull.repo}@${pull.sha.slice(0, 7)}`,
      title: pull.title,
      description: "",
      baseSha: "0".repeat(40),
      headSha: pull.sha,
      draft: false,
      authorIsBot: false,
      files: corpusChangedFiles(pull),
      config: DEFAULT_REPO_CONFIG,
      priorComments: [],
    }),
    readHeadFile: async (path) => {
      const text = corpusHeadText(pull, path);
      return text === null ? { kind: "absent" } : { kind: "text", text };
    },
  };
}

/** Arrival times in simulated seconds within [0, seconds). */
function poissonArrivals(perSecond: number, seconds: number, random: () => number): number[] {
  const times: number[] = [];
  for (let at = -Math.log(1 - random()) / perSecond; at < seconds; at += -Math.log(1 - random()) / perSecond) times.push(at);
  return times;
}

/** mulberry32: the same traffic on every run of the benchmark. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sleepUntil = (wallMs: number) => sleep(Math.max(0, wallMs - performance.now()));

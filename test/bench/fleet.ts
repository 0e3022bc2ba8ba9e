// `npm run bench:fleet`: the 10× week on one GPU. An organisation lands
// 250,000 changed lines a week in pull requests sized like the corpus; they
// arrive in working hours, three times the mean rate on Monday morning. Each
// window replays one simulated hour through real BullMQ workers and the real
// pipeline against an emulated H100 running vLLM, time compressed. Prints p50
// and p95 from arrival to posted review (simulated), GPU-seconds per pull
// request, and the highest rate that keeps p95 under five minutes.
// `npm run bench:fleet -- --limit` also searches that rate by measurement
// (a few more minutes).

import { Redis } from "ioredis";

import { CORPUS_LANGUAGES, loadCorpus, loadLanguageCorpus } from "../helpers/corpus.js";
import { startRedis } from "../helpers/redis-server.js";
import { FLEET_SETTINGS } from "./fleet/fleet-settings.js";
import { replayWindow, type WindowPlan, type WindowResult } from "./fleet/replay-window.js";

const settings = FLEET_SETTINGS;
// All six corpora: TypeScript (hono) and 25 pull requests each of Python, Java, Kotlin, C# and Go.
const corpus = [...loadCorpus(), ...CORPUS_LANGUAGES.flatMap((language) => loadLanguageCorpus(language))];
const meanLines = corpus.reduce((sum, pull) => sum + pull.changedLines, 0) / corpus.length;
const pullsPerWeek = settings.linesPerWeek / meanLines;
const meanRate = pullsPerWeek / settings.workingHours;

console.log(
  `Scenario: ${settings.linesPerWeek.toLocaleString("en")} changed lines a week, mean ${meanLines.toFixed(0)} lines per PR over ${corpus.length} corpus PRs → ` +
    `${pullsPerWeek.toFixed(0)} PRs a week, ${meanRate.toFixed(1)} an hour over ${settings.workingHours} working hours, ` +
    `${(meanRate * settings.burstFactor).toFixed(1)} an hour in the Monday burst.`,
);
console.log(
  `GPU: prefill ${settings.gpu.prefillTokensPerSecond} tokens/s, decode ${settings.gpu.decodeTokensPerSecond} tokens/s shared, ` +
    `≤ ${settings.gpu.sequenceTokensPerSecond} tokens/s per sequence; answers ${settings.answerTokens} tokens; ${settings.modelConcurrency} model requests per review.`,
);

const redisProcess = await startRedis();
const redis = new Redis(redisProcess.url, { maxRetriesPerRequest: null });
try {
  const windows: WindowPlan[] = [
    { label: "Monday burst, 4 worker processes × 2", ratePerHour: meanRate * settings.burstFactor, minutes: 60, workers: 8, timeScale: 40 },
    { label: "ordinary hour, 4 worker processes × 2", ratePerHour: meanRate, minutes: 60, workers: 8, timeScale: 40 },
    { label: "Monday burst, 1 worker process × 2", ratePerHour: meanRate * settings.burstFactor, minutes: 60, workers: 2, timeScale: 40 },
  ];
  // Untimed: loads grammars and warms the JIT, which would otherwise count 40-fold in the first window.
  await replayWindow({ label: "warm-up", ratePerHour: 900, minutes: 2, workers: 8, timeScale: 40 }, corpus, settings, redis);
  const results: WindowResult[] = [];
  for (const plan of windows) results.push(printResult(await replayWindow(plan, corpus, settings, redis)));
  printCapacity(results);
  if (process.argv.includes("--limit")) await searchLimit(meanRate);
} finally {
  redis.disconnect();
  await redisProcess.stop();
}

/** Raise the rate until p95 passes the target; CPU time of the pipeline bounds how far time can be compressed. */
async function searchLimit(mean: number): Promise<void> {
  let highestMet: number | undefined;
  for (const multiple of [10, 30, 60, 120]) {
    const ratePerHour = mean * multiple;
    const timeScale = Math.min(40, (4 * 3600) / ratePerHour); // at most four arrivals a wall-clock second
    const result = printResult(await replayWindow({ label: `${multiple}× mean, 16 review jobs at once`, ratePerHour, minutes: 10, workers: 16, timeScale }, corpus, settings, redis));
    if (percentile(result.latencies, 95) > settings.targetP95Seconds) break;
    highestMet = ratePerHour;
  }
  console.log(highestMet ? `Highest measured rate with p95 ≤ 5 min: ${highestMet.toFixed(0)} PRs an hour.` : "No measured rate met p95 ≤ 5 min.");
}

function printResult(result: WindowResult): WindowResult {
  const { plan, latencies, gpu } = result;
  const pulls = latencies.length;
  console.log(
    `${plan.label}: ${pulls} PRs (${result.changedLines} lines) in ${plan.minutes} simulated min (${result.wallSeconds.toFixed(0)} s wall, ×${plan.timeScale.toFixed(1)}): ` +
      `arrival → posted p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, max ${fmt(Math.max(...latencies))} ` +
      `(target p95 ≤ ${fmt(settings.targetP95Seconds)}: ${percentile(latencies, 95) <= settings.targetP95Seconds ? "met" : "MISSED"}); ` +
      `a request on the GPU ${fmt(gpu.busySeconds)} of ${fmt(plan.minutes * 60)} (${((100 * gpu.busySeconds) / (plan.minutes * 60)).toFixed(0)}%), ` +
      `${(gpu.promptTokens / Math.max(1, pulls)).toFixed(0)} prompt + ${(gpu.completionTokens / Math.max(1, pulls)).toFixed(0)} output tokens per PR in ${(gpu.requests / Math.max(1, pulls)).toFixed(1)} requests, ` +
      `largest batch ${gpu.maxBatch}`,
  );
  return result;
}

/** GPU-seconds per PR as a share of the GPU's capacity: prefill and decode time if the PR had the GPU to itself at full batch. */
function printCapacity(results: WindowResult[]): void {
  const pulls = results.reduce((sum, result) => sum + result.latencies.length, 0);
  const prompt = results.reduce((sum, result) => sum + result.gpu.promptTokens, 0) / pulls;
  const output = results.reduce((sum, result) => sum + result.gpu.completionTokens, 0) / pulls;
  const gpuSeconds = prompt / settings.gpu.prefillTokensPerSecond + output / settings.gpu.decodeTokensPerSecond;
  console.log(
    `GPU-seconds per PR (capacity share): ${gpuSeconds.toFixed(2)} s (${prompt.toFixed(0)} prompt tokens at ${settings.gpu.prefillTokensPerSecond}/s + ` +
      `${output.toFixed(0)} output tokens at ${settings.gpu.decodeTokensPerSecond}/s) → at most ${(3600 / gpuSeconds).toFixed(0)} PRs an hour ` +
      `(${(3600 / gpuSeconds / meanRate).toFixed(0)}× the mean rate) before the GPU saturates.`,
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

function fmt(seconds: number): string {
  return seconds < 120 ? `${seconds.toFixed(1)} s` : `${(seconds / 60).toFixed(1)} min`;
}

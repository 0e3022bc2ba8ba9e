// A loopback OpenAI-compatible server that takes as long as one GPU running
// vLLM would: continuous batching, where every open request shares one prefill
// rate and one decode rate, and no request decodes faster than one sequence
// can. Time runs `timeScale` times faster than the wall clock, so an hour of
// traffic plays in minutes; every figure it keeps is in simulated seconds.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { estimateTokens } from "../../../src/review/estimate-tokens.js";

export interface GpuProfile {
  /** Prompt tokens per second, shared by all requests being prefilled. */
  prefillTokensPerSecond: number;
  /** Output tokens per second, shared by all requests being decoded. */
  decodeTokensPerSecond: number;
  /** Output tokens per second one request can reach, however idle the GPU. */
  sequenceTokensPerSecond: number;
}

/** One H100 serving a 14B–32B code model with vLLM, as the fleet scenario assumes. */
export const H100_VLLM: GpuProfile = { prefillTokensPerSecond: 20_000, decodeTokensPerSecond: 2_500, sequenceTokensPerSecond: 60 };

export interface EmulatedGpuOptions {
  profile: GpuProfile;
  /** Simulated seconds per wall-clock second. */
  timeScale: number;
  /** Output tokens of every answer (the answer text itself is an empty review). */
  answerTokens: number;
  contextTokens?: number;
}

export interface GpuTotals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** Simulated seconds during which at least one request was on the GPU. */
  busySeconds: number;
  /** Most requests on the GPU at once. */
  maxBatch: number;
}

export interface EmulatedGpu {
  url: string;
  totals(): GpuTotals;
  close(): Promise<void>;
}

interface Sequence {
  promptLeft: number;
  outputLeft: number;
  finish: () => void;
}

const TICK_MS = 2;
const MODEL = "emulated-h100";

export async function startEmulatedGpu(options: EmulatedGpuOptions): Promise<EmulatedGpu> {
  const batch = createBatch(options);
  const server = createServer((request, response) => {
    if (request.method === "GET" && request.url?.startsWith("/v1/models")) {
      const model = { id: MODEL, object: "model", max_model_len: options.contextTokens ?? 32_768 };
      return response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [model] }));
    }
    if (request.method === "POST" && request.url?.startsWith("/v1/chat/completions")) return void answerChat(request, response, batch, options);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    totals: () => ({ ...batch.totals }),
    close: () => {
      batch.stop();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function answerChat(request: IncomingMessage, response: ServerResponse, batch: Batch, options: EmulatedGpuOptions): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { messages: { content: string }[] };
  const promptTokens = body.messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);
  await batch.run(promptTokens, options.answerTokens);
  const completion = {
    id: `chatcmpl-${batch.totals.requests}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: MODEL,
    choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: '{"comments": []}' } }],
    usage: { prompt_tokens: promptTokens, completion_tokens: options.answerTokens, total_tokens: promptTokens + options.answerTokens },
  };
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion));
}

interface Batch {
  totals: GpuTotals;
  run(promptTokens: number, outputTokens: number): Promise<void>;
  stop(): void;
}

/** The batching model: advanced in small steps of wall time, each worth `timeScale` as much simulated time. */
function createBatch({ profile, timeScale }: EmulatedGpuOptions): Batch {
  const open: Sequence[] = [];
  const totals: GpuTotals = { requests: 0, promptTokens: 0, completionTokens: 0, busySeconds: 0, maxBatch: 0 };
  let timer: NodeJS.Timeout | undefined;
  let last = performance.now();

  const step = () => {
    const now = performance.now();
    const seconds = ((now - last) / 1000) * timeScale;
    last = now;
    if (open.length === 0) return;
    totals.busySeconds += seconds;
    let prefill = profile.prefillTokensPerSecond * seconds;
    for (const sequence of open) {
      if (prefill <= 0) break;
      const used = Math.min(prefill, sequence.promptLeft);
      sequence.promptLeft -= used;
      prefill -= used;
    }
    const decoding = open.filter((sequence) => sequence.promptLeft <= 0);
    const rate = Math.min(profile.sequenceTokensPerSecond, profile.decodeTokensPerSecond / Math.max(1, decoding.length));
    for (const sequence of decoding) sequence.outputLeft -= rate * seconds;
    for (const sequence of decoding.filter((s) => s.outputLeft <= 0)) {
      open.splice(open.indexOf(sequence), 1);
      sequence.finish();
    }
    if (open.length === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return {
    totals,
    run: (promptTokens, outputTokens) =>
      new Promise<void>((resolve) => {
        totals.requests += 1;
        totals.promptTokens += promptTokens;
        totals.completionTokens += outputTokens;
        if (!timer) {
          last = performance.now();
          timer = setInterval(step, TICK_MS);
        }
        open.push({ promptLeft: promptTokens, outputLeft: outputTokens, finish: resolve });
        totals.maxBatch = Math.max(totals.maxBatch, open.length);
      }),
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}

// A 30-chunk review against the loopback model server answering after 1 s per
// call: wall time at concurrency 4 and 8 vs. the target 1.3 × ceil(30 / c) s.

import { createModelClient } from "../../src/llm/create-model-client.js";
import { askModel } from "../../src/review/ask-model.js";
import type { ReviewChunk } from "../../src/review/types.js";
import { MODEL_SERVER_MODEL, startModelServer } from "../helpers/model-server.js";

const CHUNKS = 30;
const LATENCY_MS = 1000;

export default async function benchModelConcurrency(): Promise<void> {
  const chunks: ReviewChunk[] = Array.from({ length: CHUNKS }, (_, index) => ({
    id: `chunk-${index}`,
    paths: [`src/file${index}.ts`],
    context: `10 + export const value${index} = compute(${index});`,
    estimatedTokens: 40,
  }));
  for (const concurrency of [4, 8]) {
    const server = await startModelServer({
      content: JSON.stringify({ comments: [{ path: "src/file0.ts", line: 10, startLine: null, side: "RIGHT", severity: "minor", category: "bug", body: "x" }] }),
      delayMs: LATENCY_MS,
    });
    try {
      const client = createModelClient({
        baseURL: server.url,
        model: MODEL_SERVER_MODEL,
        concurrency,
        timeoutMs: 30_000,
        maxRetries: 0,
        maxOutputTokens: 512,
      });
      const started = performance.now();
      const result = await askModel({ client, chunks, systemPrompt: "Answer with JSON.", title: "bench", description: "", concurrency });
      const seconds = (performance.now() - started) / 1000;
      const target = 1.3 * Math.ceil(CHUNKS / concurrency) * (LATENCY_MS / 1000);
      console.log(
        `concurrency ${concurrency}: ${CHUNKS} chunks at ${LATENCY_MS} ms/call in ${seconds.toFixed(2)} s ` +
          `(target ≤ ${target.toFixed(1)} s, ${seconds <= target ? "met" : "MISSED"}); ` +
          `max in flight at the server ${server.maxInFlight}; ${result.exchanges.length} answers, ${result.failedChunks.length} failed`,
      );
    } finally {
      await server.close();
    }
  }
}

// One whole review (webhook → BullMQ job → pipeline → posted review, GitHub
// mocked at HTTP, the loopback model server) moves the review metrics: the
// duration from webhook to posted review, the job's outcome, and what became
// of each of the model's findings.

import { afterEach, describe, expect, inject, it } from "vitest";

import { metricsRegistry } from "../../src/metrics/metrics-registry.js";
import { PullRequestWorld } from "../helpers/pull-request-world.js";
import { type ReviewFlow, startReviewFlow } from "../helpers/review-flow.js";

const PATH = "src/math.ts";
const ADD = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
const BROKEN_ADD = ADD.replace("a + b", "a - b");

let flow: ReviewFlow | undefined;
afterEach(async () => {
  await flow?.close();
  flow = undefined;
});

async function sample(series: string): Promise<number | undefined> {
  const line = (await metricsRegistry.metrics()).split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("review metrics over a whole review", () => {
  it("observe the review's duration, its job and its findings", async () => {
    const world = new PullRequestWorld({ [PATH]: ADD }, { [PATH]: BROKEN_ADD });
    flow = await startReviewFlow(world, inject("redisUrl"));
    const finding = { path: PATH, startLine: null, side: "RIGHT", severity: "major", category: "bug" };
    flow.model.reply({
      content: JSON.stringify({
        comments: [
          { ...finding, line: 2, body: "`add` subtracts: `a - b` should be `a + b`." },
          { ...finding, line: 90, body: "A line that is not in the change." },
        ],
      }),
    });
    flow.startWorker();

    await flow.deliver("opened", world.headSha);
    expect(await flow.finished(world.headSha)).toBe("completed");

    expect(world.reviews).toHaveLength(1);
    expect(await sample("foureyes_review_duration_seconds_count")).toBe(1);
    expect(await sample("foureyes_review_duration_seconds_sum")).toBeGreaterThan(0);
    expect(await sample('foureyes_jobs_total{queue="review",outcome="completed"}')).toBe(1);
    expect(await sample('foureyes_comments_total{source="model",outcome="posted"}')).toBe(1);
    expect(await sample('foureyes_comments_total{source="model",outcome="off-diff"}')).toBe(1);
  });
});

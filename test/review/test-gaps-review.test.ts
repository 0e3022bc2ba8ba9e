// Done-when for test gaps through the webhook: a pull request that changes
// one tested and one untested exported function (and the test of the first),
// from a pull_request.opened webhook through Probot, BullMQ and the worker to
// GitHub (HTTP mock, which serves the head's file list) and the model
// (loopback server). The posted review's body carries the table.

import { afterEach, describe, expect, inject, it } from "vitest";

import { headMarker } from "../../src/core/markers.js";
import { judgeRenderedMarkdown } from "../helpers/judge-rendered-markdown.js";
import { PullRequestWorld } from "../helpers/pull-request-world.js";
import { type ReviewFlow, startReviewFlow } from "../helpers/review-flow.js";

const MONEY = (change: string) => `export function add(a: number, b: number): number {
  return a + b${change};
}

export function subtract(a: number, b: number): number {
  return a - b${change};
}
`;
const TEST = (extra: string) => `import { add } from "../src/money.js";

it("adds", () => expect(add(1, 2)).toBe(3));${extra}
`;

let flow: ReviewFlow | undefined;
afterEach(async () => {
  await flow?.close();
  flow = undefined;
});

describe("test gaps in the posted review", () => {
  it("names the untested changed function, the tested one, and the module's test file", async () => {
    const base = { "src/money.ts": MONEY(""), "test/money.test.ts": TEST(""), "src/util/format.ts": "export const x = 1;\n" };
    const world = new PullRequestWorld(base, { ...base, "src/money.ts": MONEY(" + 0"), "test/money.test.ts": TEST('\nit("adds zero", () => expect(add(1, 0)).toBe(1));') });
    flow = await startReviewFlow(world, inject("redisUrl"));
    flow.startWorker();
    await flow.deliver("opened", world.headSha);
    expect(await flow.finished(world.headSha)).toBe("completed");

    expect(world.reviews).toHaveLength(1);
    const body = world.reviews[0]?.body ?? "";
    expect(body).toContain("**Tests:** 1 of 2 changed exported symbols not exercised by a test changed in this pull request.");
    expect(body).toContain("| `subtract` in `src/money.ts:5` | 1 in 5–7 | **no** | `test/money.test.ts` |");
    expect(body).toContain("| `add` in `src/money.ts:1` | 1 in 1–3 | yes: `test/money.test.ts` | `test/money.test.ts` |");
    expect(judgeRenderedMarkdown(body, { own: [headMarker(world.headSha), "<sub>", "</sub>"] })).toEqual([]);
  });
});

// Test suggestions end to end: a pull_request webhook through Probot, BullMQ
// on Redis, the review worker, the HTTP GitHub mock and the loopback model
// server. A pull request that adds untested exported functions gets a
// validated test in the posted review body and an inline pointer on the
// function's signature line; a suggestion that does not parse is dropped and
// counted; the next push does not point again.

import { afterEach, describe, expect, inject, it } from "vitest";

import { parseFindingMarker } from "../../../src/core/markers.js";
import { reviewJobId } from "../../../src/review/review-job.js";
import { enqueueReview } from "../../../src/review/review-queue.js";
import type { ChatRequestBody } from "../../helpers/model-server.js";
import { PullRequestWorld } from "../../helpers/pull-request-world.js";
import { INSTALLATION, OWNER, PULL, REPO } from "../../helpers/queue-fixtures.js";
import { type ReviewFlow, startReviewFlow } from "../../helpers/review-flow.js";
import { waitForJobState } from "../../helpers/wait-for-job.js";

const PACKAGE_JSON = JSON.stringify({ name: "ledger", type: "module", scripts: { test: "vitest run" }, devDependencies: { vitest: "^4.0.0" } }, null, 2);
const MONEY = "export function round(value: number): number {\n  return Math.round(value * 100) / 100;\n}\n";
const MONEY_TEST = 'import { describe, expect, it } from "vitest";\n\nimport { round } from "../src/money.js";\n\ndescribe("round", () => {\n  it("keeps cents", () => expect(round(1.234)).toBe(1.23));\n});\n';
const FEES = [
  'import { round } from "./money.js";',
  "",
  "/** The amount with the fee added. */",
  "export function applyFee(amount: number, rate: number): number {",
  "  if (rate < 0) throw new RangeError('negative rate');",
  "  return round(amount * (1 + rate));",
  "}",
  "",
  "export function waiveFee(amount: number): number {",
  "  return amount;",
  "}",
  "",
].join("\n");

const GOOD = `import { describe, expect, it } from "vitest";

import { applyFee } from "../src/fees.js";

describe("applyFee", () => {
  it("adds the fee", () => {
    expect(applyFee(100, 0.1)).toBe(110);
  });

  it("refuses a negative rate", () => {
    expect(() => applyFee(100, -1)).toThrow(RangeError);
  });
});
`;
const BROKEN = 'import { expect, it } from "vitest";\nimport { waiveFee } from "../src/fees.js";\n\nit("waives", () => {\n  expect(waiveFee(5)).toBe(5);\n';

const BASE = { "package.json": PACKAGE_JSON, "src/money.ts": MONEY, "test/money.test.ts": MONEY_TEST };

let flow: ReviewFlow | undefined;
afterEach(async () => {
  await flow?.close();
  flow = undefined;
});

const isSuggestionRequest = (body: ChatRequestBody) => body.response_format?.json_schema?.name === "test_suggestion";
const symbolAsked = (body: ChatRequestBody) => /Write tests for `(\w+)`/.exec(body.messages.at(-1)?.content ?? "")?.[1];

describe("test suggestions through the webhook", () => {
  it("posts a validated test in the body with an inline pointer, drops and counts one that does not parse, and does not point again", async () => {
    const world = new PullRequestWorld(BASE, { ...BASE, "src/fees.ts": FEES });
    flow = await startReviewFlow(world, inject("redisUrl"));
    flow.model.reply((body) => {
      if (!isSuggestionRequest(body)) return { content: '{"comments": []}' };
      return { content: JSON.stringify({ code: symbolAsked(body) === "applyFee" ? GOOD : BROKEN }) };
    });
    flow.startWorker();

    await flow.deliver("opened", world.headSha);
    expect(await flow.finished(world.headSha)).toBe("completed");

    // Two symbols, one request each, apart from the review's own request.
    const asked = flow.model.requests.filter(isSuggestionRequest).map(symbolAsked).sort();
    expect(asked).toEqual(["applyFee", "waiveFee"]);
    const [review] = world.reviews;
    expect(review?.body).toContain("<details><summary>Suggested test for applyFee</summary>");
    expect(review?.body).toContain("Proposed vitest test file `src/fees.test.ts` for `applyFee` in `src/fees.ts`:");
    expect(review?.body).toContain(`\`\`\`ts\n${GOOD.trimEnd()}\n\`\`\``);
    expect(review?.body).not.toContain("it(\"waives\"");
    expect(review?.body).toContain("Dropped 1 suggested test: 1 did not parse.");

    // One pointer, on applyFee's signature line, carrying a finding marker.
    const pointers = world.comments.filter((comment) => comment.body.includes("Test suggestions"));
    expect(pointers.map(({ path, line }) => ({ path, line }))).toEqual([{ path: "src/fees.ts", line: 4 }]);
    expect(parseFindingMarker(pointers[0]!.body)).toMatchObject({ rule: "test-suggestion" });
    const published = flow.logLines.find((line) => line.msg === "review published") as { stats?: Record<string, number> } | undefined;
    expect(published?.stats).toMatchObject({ testSuggestions: 1, testSuggestionsDropped: 1 });

    // A push elsewhere in the file: applyFee is not asked about or pointed to again.
    const next = world.push({ ...BASE, "src/fees.ts": `${FEES}export const FEE_CURRENCY = "EUR";\n` });
    await flow.deliver("synchronize", next);
    expect(await flow.finished(next)).toBe("completed");
    const askedAgain = flow.model.requests.filter(isSuggestionRequest).map(symbolAsked);
    expect(askedAgain.filter((symbol) => symbol === "applyFee")).toHaveLength(1);
    expect(world.comments.filter((comment) => comment.body.includes("Test suggestions"))).toHaveLength(1);

    // `/foureyes tests` (a rerun job for test suggestions only): no review request, applyFee suggested again, no second pointer.
    const reviewRequests = flow.model.requests.filter((body) => !isSuggestionRequest(body)).length;
    const rerun = { commentId: 777, requestedBy: "maria" };
    await enqueueReview(flow.queue, { installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL, headSha: next, event: "issue_comment.created", rerun, scope: "full", only: "tests" });
    expect(await waitForJobState(flow.queue, reviewJobId({ owner: OWNER, repo: REPO, pullNumber: PULL, headSha: next, rerun }))).toBe("completed");
    expect(flow.model.requests.filter((body) => !isSuggestionRequest(body))).toHaveLength(reviewRequests);
    expect(flow.model.requests.filter(isSuggestionRequest).map(symbolAsked).filter((symbol) => symbol === "applyFee")).toHaveLength(2);
    const testsReview = world.reviews.at(-1)!;
    expect(testsReview.body).toContain("<details><summary>Suggested test for applyFee</summary>");
    expect(world.comments.filter((comment) => comment.body.includes("Test suggestions"))).toHaveLength(1);
  });
});

// A review after a push covers what changed since the last head foureyes
// reviewed (its head marker, the compare API), anchored to the pull request's
// diff; a force-push that dropped that head, or `/foureyes full`, reviews the
// whole pull request; a push with nothing reviewable in it (a merge from the
// base branch) posts no review, and the check run says why.

import { afterEach, describe, expect, inject, it } from "vitest";

import { enqueueReview } from "../../src/review/review-queue.js";
import { PullRequestWorld } from "../helpers/pull-request-world.js";
import { INSTALLATION, OWNER, PULL, REPO } from "../helpers/queue-fixtures.js";
import { type ReviewFlow, startReviewFlow } from "../helpers/review-flow.js";

const PATH = "src/math.ts";
const FILLER = Array.from({ length: 10 }, (_, index) => `export const step${index} = ${index};\n`).join("");
const ADD = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
const MUL = "export function mul(a: number, b: number): number {\n  return a * b;\n}\n";
const BASE = { [PATH]: ADD + FILLER + MUL, "docs/notes.md": "notes\n" };
/** The pull request's first commit changes add; the push after it changes mul, ten lines further down. */
const OPENED = { ...BASE, [PATH]: ADD.replace("a + b", "a + b + 0") + FILLER + MUL };
const PUSHED = { ...OPENED, [PATH]: ADD.replace("a + b", "a + b + 0") + FILLER + MUL.replace("a * b", "a * b * 1") };

let flow: ReviewFlow | undefined;
afterEach(async () => {
  await flow?.close();
  flow = undefined;
});

async function openAndReview(world: PullRequestWorld): Promise<ReviewFlow> {
  const started = await startReviewFlow(world, inject("redisUrl"));
  started.startWorker();
  await started.deliver("opened", world.headSha);
  expect(await started.finished(world.headSha)).toBe("completed");
  expect(world.reviews.at(-1)?.body).toContain("Whole pull request.");
  return started;
}

/** The code the model was shown in its latest request. */
function lastPrompt(current: ReviewFlow): string {
  return current.model.requests.at(-1)!.messages.map((message) => message.content).join("\n");
}

describe("incremental reviews", () => {
  it("after a push, reviews only what changed since the last reviewed head, and says so", async () => {
    const world = new PullRequestWorld(BASE, OPENED);
    flow = await openAndReview(world);
    const reviewed = world.headSha;

    const head = world.push(PUSHED);
    await flow.deliver("synchronize", head);
    expect(await flow.finished(head)).toBe("completed");

    expect(world.reviews).toHaveLength(2);
    expect(world.reviews[1]!.body).toContain(`Changes since ${reviewed.slice(0, 7)}`);
    expect(lastPrompt(flow)).toContain("a * b * 1");
    expect(lastPrompt(flow)).not.toContain("a + b + 0");
    expect(flow.gh.requestsTo("GET", new RegExp(`/compare/${reviewed}\\.\\.\\.${head}$`))).toHaveLength(1);
  });

  it("after a force-push that dropped the last reviewed head, reviews the whole pull request", async () => {
    const world = new PullRequestWorld(BASE, OPENED);
    flow = await openAndReview(world);

    const head = world.rebase({ ...BASE, "docs/notes.md": "notes\nmore\n" }, { ...PUSHED, "docs/notes.md": "notes\nmore\n" });
    await flow.deliver("synchronize", head);
    expect(await flow.finished(head)).toBe("completed");

    expect(world.reviews[1]!.body).toContain("Whole pull request.");
    expect(lastPrompt(flow)).toContain("a * b * 1");
    expect(lastPrompt(flow)).toContain("a + b + 0");
  });

  it("reviews the whole pull request when `/foureyes full` asked for it", async () => {
    const world = new PullRequestWorld(BASE, OPENED);
    flow = await openAndReview(world);

    const head = world.push(PUSHED);
    const job = { installationId: INSTALLATION, owner: OWNER, repo: REPO, pullNumber: PULL, headSha: head, event: "issue_comment.created", scope: "full" as const };
    await enqueueReview(flow.queue, job);
    expect(await flow.finished(head)).toBe("completed");

    expect(world.reviews[1]!.body).toContain("Whole pull request.");
    expect(lastPrompt(flow)).toContain("a + b + 0");
    expect(flow.gh.requestsTo("GET", /\/compare\//)).toEqual([]);
  });

  it("posts no review for a merge from the base branch that touches none of the pull request's files; the check run says why", async () => {
    const world = new PullRequestWorld(BASE, OPENED);
    flow = await openAndReview(world);
    const reviewed = world.headSha;
    const modelCalls = flow.model.requests.length;

    const head = world.mergeFromBase({ "docs/notes.md": "notes\nfrom main\n", "src/other.ts": "export const other = 1;\n" });
    await flow.deliver("synchronize", head);
    expect(await flow.finished(head)).toBe("completed");

    expect(world.reviews).toHaveLength(1);
    expect(flow.model.requests).toHaveLength(modelCalls);
    expect(world.checkRuns).toEqual([
      expect.objectContaining({ title: "No advisory review: nothing new to review", summary: expect.stringContaining(reviewed.slice(0, 12)) }),
    ]);
    expect((await flow.queue.getJob(`${OWNER}/${REPO}#${PULL}@${head}`))?.returnvalue).toEqual({ status: "not-reviewed", reason: "nothing-new" });
  });

  it("makes one model run for the last of five pushes in quick succession (debounce), and leaves no job for the others", async () => {
    const world = new PullRequestWorld(BASE, OPENED);
    // Long enough that no push's wait ends before the next push arrives; nothing here measures time.
    flow = await startReviewFlow(world, inject("redisUrl"), { debounceMs: 2_000 });
    flow.startWorker();
    await flow.deliver("opened", world.headSha);
    expect(await flow.finished(world.headSha)).toBe("completed");
    const modelCalls = flow.model.requests.length;

    const jobIds: string[] = [];
    for (let push = 1; push <= 5; push += 1) {
      const head = world.push({ ...PUSHED, [PATH]: PUSHED[PATH]!.replace("a * b * 1", `a * b * ${push}`) });
      jobIds.push(await flow.deliver("synchronize", head));
      expect(await flow.queue.getJobState(jobIds.at(-1)!)).toBe("delayed");
    }
    expect(await flow.finished(world.headSha)).toBe("completed");

    expect(flow.model.requests.length - modelCalls).toBe(1);
    expect(lastPrompt(flow)).toContain("a * b * 5");
    expect(world.reviews.map((review) => review.commit_id)).toEqual([world.reviews[0]!.commit_id, world.headSha]);
    for (const id of jobIds.slice(0, -1)) expect(await flow.queue.getJob(id)).toBeUndefined();
  });
});

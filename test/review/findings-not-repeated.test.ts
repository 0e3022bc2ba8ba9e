// A finding is said once per pull request: across three reviews of changing
// code (whose earlier comments GitHub shows as outdated, at the line they were
// posted on), after its thread was resolved or it got a 👎, and after a rebase
// that did not touch the pull request's files. State comes from GitHub alone:
// the fingerprints in foureyes' own comments.

import { afterEach, describe, expect, inject, it } from "vitest";

import { parseFindingMarker } from "../../src/core/markers.js";
import type { Files } from "../helpers/pull-request-world.js";
import { PullRequestWorld } from "../helpers/pull-request-world.js";
import { type ReviewFlow, startReviewFlow } from "../helpers/review-flow.js";

const PATH = "src/math.ts";
const ADD = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
const MUL = "export function mul(a: number, b: number): number {\n  return a * b;\n}\n";
const BROKEN_ADD = ADD.replace("a + b", "a - b");
const BROKEN_MUL = MUL.replace("a * b", "a / b");
/** Twelve lines of new code: more than the old line-drift tolerance of ten. */
const LIMITS = Array.from({ length: 12 }, (_, index) => `export const limit${index} = ${index};\n`).join("");
const HALF = "export function half(n: number): number {\n  return n / 2;\n}\n";

const FINDINGS = {
  add: { needle: "return a - b", body: "`add` subtracts: `a - b` should be `a + b`." },
  mul: { needle: "return a / b", body: "`mul` divides: `a / b` should be `a * b`." },
  half: { needle: "return n / 2", body: "`half` of an odd number is not a whole number; say whether that is meant." },
};

let flow: ReviewFlow | undefined;
afterEach(async () => {
  await flow?.close();
  flow = undefined;
});

/** The model raises every finding whose code is in the head, worded the same way each time. */
function answerFrom(world: PullRequestWorld) {
  return () => {
    const text = world.commits.get(world.headSha)!.files[PATH] ?? "";
    const lines = text.split("\n");
    const comments = Object.values(FINDINGS).flatMap(({ needle, body }) => {
      const index = lines.findIndex((line) => line.includes(needle));
      return index === -1 ? [] : [{ path: PATH, line: index + 1, startLine: null, side: "RIGHT", severity: "major", category: "bug", body }];
    });
    return { content: JSON.stringify({ comments }) };
  };
}

/** What the review for `headSha` posted, as the findings' needles. */
function postedFindings(world: PullRequestWorld, headSha: string): string[] {
  const review = world.reviews.find((candidate) => candidate.commit_id === headSha);
  if (!review) throw new Error(`no review for ${headSha}`);
  return world.comments
    .filter((comment) => comment.pull_request_review_id === review.id)
    .map((comment) => Object.values(FINDINGS).find((finding) => comment.body.includes(finding.body))?.needle ?? comment.body);
}

async function review(world: PullRequestWorld, action: string, files: Files | null, rebaseBase?: Files): Promise<string> {
  const head = rebaseBase ? world.rebase(rebaseBase, files!) : files ? world.push(files) : world.headSha;
  await flow!.deliver(action, head);
  expect(await flow!.finished(head)).toBe("completed");
  return head;
}

describe("findings are not repeated on a pull request", () => {
  it("posts each finding once across three reviews of changing code, a resolve, a 👎 and a rebase", async () => {
    const base = { [PATH]: ADD + MUL, "docs/notes.md": "notes\n" };
    const world = new PullRequestWorld(base, { [PATH]: BROKEN_ADD + MUL, "docs/notes.md": "notes\n" });
    flow = await startReviewFlow(world, inject("redisUrl"));
    flow.model.reply(answerFrom(world));
    flow.startWorker();

    // 1. Opened: the subtraction is found.
    const first = await review(world, "opened", null);
    expect(postedFindings(world, first)).toEqual([FINDINGS.add.needle]);
    const marker = parseFindingMarker(world.findComment(FINDINGS.add.body).body);
    expect(marker).toEqual({ fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), kind: "function", rule: "-" });

    // 2. Twelve lines above it and a broken mul: only mul is new.
    const second = await review(world, "synchronize", { [PATH]: LIMITS + BROKEN_ADD + BROKEN_MUL, "docs/notes.md": "notes\n" });
    expect(postedFindings(world, second)).toEqual([FINDINGS.mul.needle]);

    // 3. The team resolves add's thread and gives mul a 👎; more code moves both by twelve lines again.
    world.resolved.add(world.findComment(FINDINGS.add.body).id);
    world.findComment(FINDINGS.mul.body).reactions["-1"] = 1;
    const third = await review(world, "synchronize", { [PATH]: LIMITS.replaceAll("limit", "bound") + LIMITS + BROKEN_ADD + LIMITS.replaceAll("limit", "cap") + BROKEN_MUL + HALF, "docs/notes.md": "notes\n" });
    expect(postedFindings(world, third)).toEqual([FINDINGS.half.needle]);

    // 4. Rebased onto a base that changed another file only: nothing is said again.
    const notes = { "docs/notes.md": "notes\nmore notes\n" };
    const fourth = await review(world, "synchronize", { ...world.commits.get(world.headSha)!.files, ...notes }, { ...base, ...notes });
    expect(postedFindings(world, fourth)).toEqual([]);
    expect(flow.logLines.filter((line) => line.msg === "comment dropped")).toEqual([]);
    expect(flow.model.requests.length).toBeGreaterThanOrEqual(4);
  });

  it("keeps a finding a person dismissed in a reply out, also after its code changed and it moved", async () => {
    const world = new PullRequestWorld({ [PATH]: ADD }, { [PATH]: ADD + HALF });
    flow = await startReviewFlow(world, inject("redisUrl"));
    flow.model.reply(answerFrom(world));
    flow.startWorker();

    const first = await review(world, "opened", null);
    expect(postedFindings(world, first)).toEqual([FINDINGS.half.needle]);
    world.reply(world.findComment(FINDINGS.half.body), "False positive: callers only pass even numbers.");

    // Its function gains a line (another fingerprint) and moves by twelve lines.
    const changedHalf = HALF.replace("{\n", "{\n  // callers pass even numbers\n");
    const second = await review(world, "synchronize", { [PATH]: ADD + LIMITS + changedHalf });
    expect(postedFindings(world, second)).toEqual([]);
    expect(flow.logLines.filter((line) => line.msg === "comment dropped")).toEqual([]);
  });
});

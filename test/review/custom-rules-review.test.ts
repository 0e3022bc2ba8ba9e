// A repository's own rules, end to end: a pull_request webhook through Probot,
// BullMQ and the worker to GitHub (HTTP mock, the config and the rule packs
// served from the default branch) and the loopback model. A custom rule's
// finding is posted beside the shipped rules'; a custom rule whose query does
// not compile is named, with its file and place, in the neutral check run,
// and nothing else stops.

import { afterEach, describe, expect, inject, it } from "vitest";

import type { GitHubMock } from "../helpers/github-mock.js";
import { type Files, PullRequestWorld } from "../helpers/pull-request-world.js";
import { CONFIG_PATH, OWNER, REPO } from "../helpers/queue-fixtures.js";
import { type ReviewFlow, startReviewFlow } from "../helpers/review-flow.js";

const CONTENTS = `/repos/${OWNER}/${REPO}/contents/`;
/** Octokit sends the path's slashes as %2F. */
const RULES_DIR = `${CONTENTS}.github%2Ffoureyes%2Frules`;

const TEAM_PACK = `pack: team
languages: [typescript]
rules:
  - id: no-raw-ledger-write
    severity: major
    category: bug
    message: Write through the ledger client, which journals every entry.
    query: |
      ((call_expression function: (member_expression property: (property_identifier) @p)) @match
        (#eq? @p "rawWrite"))
`;

const BROKEN_PACK = `pack: broken
languages: [typescript]
rules:
  - id: broken-node
    severity: minor
    category: bug
    message: never runs
    query: |
      (call_expression
        function: (no_such_node) @f) @match
`;

const BASE_FILE = `export function book(entry: Entry): void {
  ledger.write(entry);
}
`;
const HEAD_FILE = `export function book(entry: Entry, code: string): void {
  ledger.write(entry);
  ledger.rawWrite(entry);
  eval(code);
}
`;

/** The pull request, with its default branch holding the config and the rule packs. */
class WorldWithRules extends PullRequestWorld {
  constructor(private readonly defaultBranch: Files) {
    super({ "src/ledger.ts": BASE_FILE }, { "src/ledger.ts": HEAD_FILE });
  }

  override serve(gh: GitHubMock): void {
    const config = this.defaultBranch[".github/foureyes.yml"] ?? "";
    gh.on("GET", CONFIG_PATH, () => [200, { type: "file", encoding: "base64", size: config.length, content: Buffer.from(config).toString("base64") }], { times: Infinity });
    const packs = Object.keys(this.defaultBranch).filter((path) => path.startsWith(".github/foureyes/rules/"));
    gh.on("GET", new RegExp(`^${RULES_DIR}(\\?|$)`), () => [200, packs.map((path) => ({ name: path.split("/").pop(), path, type: "file", size: this.defaultBranch[path]?.length }))], {
      times: Infinity,
    });
    gh.on("GET", new RegExp(`^${RULES_DIR}%2F`), (_body, uri) => {
      const path = decodeURIComponent(new URL(uri, "https://api.github.com").pathname.slice(CONTENTS.length));
      return [200, this.defaultBranch[path] ?? "", { "content-type": "application/vnd.github.raw" }];
    }, { times: Infinity });
    super.serve(gh);
  }
}

let flow: ReviewFlow | undefined;
afterEach(async () => {
  await flow?.close();
  flow = undefined;
});

describe("custom rules through the webhook", () => {
  it("posts a custom rule's finding, names a broken custom rule in the neutral check run, and still runs the shipped rules and the model", async () => {
    const world = new WorldWithRules({
      ".github/foureyes.yml": "rules:\n  custom: true\n",
      ".github/foureyes/rules/broken.yml": BROKEN_PACK,
      ".github/foureyes/rules/team.yml": TEAM_PACK,
    });
    flow = await startReviewFlow(world, inject("redisUrl"));
    flow.startWorker();
    await flow.deliver("opened", world.headSha);
    expect(await flow.finished(world.headSha)).toBe("completed");

    expect(world.reviews).toHaveLength(1);
    const posted = world.comments.map((comment) => [comment.path, comment.line, /rule:([a-z-]+)/.exec(comment.body)?.[1]]);
    expect(posted).toEqual(expect.arrayContaining([["src/ledger.ts", 3, "no-raw-ledger-write"], ["src/ledger.ts", 4, "eval-call"]]));
    // The model is told what the rules already said, so it does not say it again.
    const prompt = flow.model.requests.flatMap((request) => request.messages.map((message) => message.content)).join("\n");
    const reported = /<untrusted_already_reported>\n([\s\S]*?)\n<\/untrusted_already_reported>/.exec(prompt)?.[1]?.split("\n");
    expect(reported).toEqual([expect.stringMatching(/^src\/ledger\.ts:3 no-raw-ledger-write: Write through the ledger client/), expect.stringMatching(/^src\/ledger\.ts:4 eval-call: /)]);

    expect(world.checkRuns).toHaveLength(1);
    expect(world.checkRuns[0]?.title).toBe("Some custom rules did not run");
    const line = BROKEN_PACK.split("\n").findIndex((text) => text.includes("no_such_node")) + 1;
    expect(world.checkRuns[0]?.summary).toContain(
      `.github/foureyes/rules/broken.yml: rule broken-node: the query does not compile for typescript: unknown node type \`no_such_node\` at line ${line}, column 20`,
    );

    // Read from the default branch, never from the pull request's head.
    const reads = flow.gh.requests.filter((request) => request.pathname.startsWith(RULES_DIR));
    expect(reads.map((request) => request.query.ref)).toEqual(["main", "main", "main"]);
  });

  it("reads no rule files unless the config turns custom rules on", async () => {
    const world = new WorldWithRules({ ".github/foureyes.yml": "maxComments: 5\n", ".github/foureyes/rules/team.yml": TEAM_PACK });
    flow = await startReviewFlow(world, inject("redisUrl"));
    flow.startWorker();
    await flow.deliver("opened", world.headSha);
    expect(await flow.finished(world.headSha)).toBe("completed");
    expect(flow.gh.requests.filter((request) => request.pathname.startsWith(RULES_DIR))).toEqual([]);
    expect(world.comments.map((comment) => /rule:([a-z-]+)/.exec(comment.body)?.[1])).not.toContain("no-raw-ledger-write");
  });
});

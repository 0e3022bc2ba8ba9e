// `foureyes review` end to end: the real command (a node subprocess, or runCli
// in-process where a subprocess adds nothing) in throwaway git repositories,
// against the loopback model server.

import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { type ReviewJson, reviewJsonSchema } from "../../src/cli/review-json.js";
import { parseMarkdown } from "../../src/markdown/parse-markdown.js";
import { plainText } from "../../src/markdown/plain-text.js";
import { MODEL_SERVER_MODEL, type ModelServer, startModelServer } from "../helpers/model-server.js";
import { cliEnv, createFeatureRepo, createTempRepo, runCliInProcess, runCliProcess, type TempRepo, writeTempFile } from "./cli-fixtures.js";

const BASE_MATH = [
  "export function add(a: number, b: number): number {",
  "  return a + b;",
  "}",
  "",
  "export function sub(a: number, b: number): number {",
  "  return a - b;",
  "}",
  "",
  ...Array.from({ length: 22 }, (_, index) => `export const c${index + 9} = ${index + 9};`),
];
const HEAD_MATH = [
  ...BASE_MATH.slice(0, 1),
  "  return a + b + 1;",
  ...BASE_MATH.slice(2),
  "",
  "export function mul(a: number, b: number): number {",
  "  return a * b;",
  "}",
];
const text = (lines: string[]) => `${lines.join("\n")}\n`;

/** Three comments on diff lines, three that are not: outside every hunk, on a file not in the change, past the end. */
const MODEL_COMMENTS = [
  { path: "src/math.ts", line: 2, startLine: null, side: "RIGHT", severity: "major", category: "bug", body: "Off by one: add now returns a + b + 1." },
  { path: "src/math.ts", line: 33, startLine: 32, side: "RIGHT", severity: "minor", category: "test", body: "mul has no test covering negative numbers." },
  { path: "src/math.ts", line: 2, startLine: null, side: "LEFT", severity: "minor", category: "maintainability", body: "The removed line was the documented behaviour." },
  { path: "src/math.ts", line: 15, startLine: null, side: "RIGHT", severity: "major", category: "bug", body: "Far outside the change." },
  { path: "src/elsewhere.ts", line: 1, startLine: null, side: "RIGHT", severity: "major", category: "bug", body: "A file that is not in the change." },
  { path: "src/math.ts", line: 500, startLine: null, side: "RIGHT", severity: "critical", category: "bug", body: "Past the end of the file." },
];
const ON_DIFF = [
  { path: "src/math.ts", line: 2, side: "RIGHT" },
  { path: "src/math.ts", line: 33, startLine: 32, side: "RIGHT" },
  { path: "src/math.ts", line: 2, side: "LEFT" },
];

let server: ModelServer;
let repo: TempRepo;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startModelServer();
  repo = await createFeatureRepo({
    base: { "src/math.ts": text(BASE_MATH), "README.md": "# fixture\n" },
    head: { "src/math.ts": text(HEAD_MATH) },
    headMessage: "Add mul and change add\n\nThe description of the change.",
  });
  env = cliEnv({ FOUREYES_MODEL_URL: server.url, FOUREYES_MODEL: MODEL_SERVER_MODEL });
});

afterAll(async () => {
  await server.close();
  await repo.remove();
});

beforeEach(() => {
  server.requests.length = 0;
  server.reply({ content: JSON.stringify({ comments: MODEL_COMMENTS }) });
});

function placesOf(json: ReviewJson) {
  return json.comments.map(({ path, line, startLine, side }) => ({ path, line, side, ...(startLine !== undefined ? { startLine } : {}) }));
}

function oneLine(stderr: string): string {
  const lines = stderr.split("\n").filter((line) => line !== "");
  expect(lines, `stderr should be one line: ${stderr}`).toHaveLength(1);
  return lines[0] as string;
}

describe("foureyes review (subprocess)", () => {
  it("prints the review as markdown with each inline comment under path:line", async () => {
    const run = await runCliProcess(["review"], repo.dir, env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("# foureyes advisory review\n");
    expect(run.stdout).toContain("### src/math.ts:2\n");
    expect(run.stdout).toContain("### src/math.ts:32-33\n");
    expect(run.stdout).toContain("### src/math.ts:2 (removed line)");
    expect(run.stdout).toContain("Off by one: add now returns a + b + 1.");
    expect(run.stdout).not.toContain("Far outside the change");
    expect(run.stdout).not.toContain("<!-- foureyes:");
    expect(run.stdout).toContain("Advisory only");
  });

  it("prints markdown whose headings go one level at a time and whose footer comes last", async () => {
    const run = await runCliProcess(["review"], repo.dir, env);
    expect(run.code).toBe(0);
    const levels = parseMarkdown(run.stdout).children.flatMap((node) => (node.type === "heading" ? [node.depth] : []));
    expect(levels[0]).toBe(1);
    const jumps = levels.filter((level, index) => index > 0 && level > (levels[index - 1] ?? 0) + 1);
    expect(jumps, `heading levels ${levels.join(", ")}`).toEqual([]);
    const blocks = parseMarkdown(run.stdout).children;
    expect(plainText(blocks[blocks.length - 1]!)).toMatch(/^Advisory only: .*React 👍 or 👎 on a comment to say whether it helped\.$/);
  });

  it("prints JSON that matches the published shape, with only the comments on diff lines", async () => {
    const run = await runCliProcess(["review", "--format", "json"], repo.dir, env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = reviewJsonSchema.parse(JSON.parse(run.stdout));
    expect(placesOf(json)).toEqual(expect.arrayContaining(ON_DIFF));
    expect(json.comments).toHaveLength(ON_DIFF.length);
    // The markdown shows each comment's category; the JSON carries it too.
    expect(json.comments.map((comment) => [comment.line, comment.side, comment.category]).sort()).toEqual(
      [[2, "LEFT", "maintainability"], [2, "RIGHT", "bug"], [33, "RIGHT", "test"]].sort(),
    );
    // The title each comment is shown under in the markdown (the model gave none: the body's first sentence).
    expect(json.comments.map((comment) => comment.title).sort()).toEqual(
      ["Off by one: add now returns a + b + 1", "mul has no test covering negative numbers", "The removed line was the documented behaviour"].sort(),
    );
    expect(json.model).toEqual({ name: MODEL_SERVER_MODEL, ok: true });
    expect(json.stats.filesChanged).toBe(1);
    expect(json.stats.commentsPosted).toBe(3);
    // The model saw the change, its title and description.
    expect(server.requests.length).toBeGreaterThan(0);
    const user = server.requests.flatMap((request) => request.messages.filter((message) => message.role === "user").map((message) => message.content)).join("\n");
    expect(user).toContain("src/math.ts");
    expect(user).toContain("return a + b + 1;");
    expect(user).toContain("Add mul and change add");
  });

  it("says in one line that the model is down, still prints the review, exits 0", async () => {
    const closedPort = await findClosedPort();
    const url = `http://127.0.0.1:${closedPort}/v1`;
    const run = await runCliProcess(["review", "--model-url", url], repo.dir, env);
    expect(run.code).toBe(0);
    const line = oneLine(run.stderr);
    expect(line).toMatch(/^foureyes: no model answered/);
    expect(line).toContain(`127.0.0.1:${closedPort}`);
    expect(line).toMatch(/— the review below has no model comments$/);
    expect(run.stdout).toContain("# foureyes advisory review\n");
    expect(run.stdout).toContain("No model comments");
  });

  it("exits 2 with one line outside a git repository", async () => {
    const dir = await mkdtemp(join(tmpdir(), "foureyes-not-a-repo-"));
    const run = await runCliProcess(["review"], dir, env);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(`foureyes: not a git repository: ${dir}`);
    expect(run.stdout).toBe("");
  });

  it("exits 2 with one line for an unknown ref", async () => {
    const run = await runCliProcess(["review", "--base", "no-such-branch"], repo.dir, env);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(/^foureyes: unknown ref: no-such-branch\b/);
    expect(run.stdout).toBe("");
  });

  it("exits 2 with one line naming the bad key of an invalid --config file", async () => {
    const config = await writeTempFile("foureyes.yml", "maxComments: ten\n");
    const run = await runCliProcess(["review", "--config", config], repo.dir, env);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(`foureyes: invalid config: ${config}: maxComments: expected a whole number between 0 and 50, got "ten"`);
    expect(run.stdout).toBe("");
    expect(server.requests).toHaveLength(0);
  });
});

describe("foureyes review (in-process)", () => {
  it("exits 2 for an unknown --head and for an unknown --format", async () => {
    const head = await runCliInProcess(["review", "--head", "v9.9.9"], repo.dir, env);
    expect(head.code).toBe(2);
    expect(oneLine(head.stderr)).toMatch(/^foureyes: unknown ref: v9\.9\.9/);
    const format = await runCliInProcess(["review", "--format", "xml"], repo.dir, env);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/xml/);
  });

  it("prints help that names the default range", async () => {
    const run = await runCliInProcess(["review", "--help"], repo.dir, env);
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\s+/g, " ")).toContain("origin/HEAD if set, else main, else master");
  });

  it("reads files at --head, not from the work tree", async () => {
    await repo.git("checkout", "-q", "main");
    try {
      await repo.write({ "src/math.ts": "// uncommitted scribbles\n" });
      const run = await runCliInProcess(["review", "--base", "main", "--head", "feature", "--format", "json"], repo.dir, env);
      expect(run.code).toBe(0);
      const json = reviewJsonSchema.parse(JSON.parse(run.stdout));
      expect(placesOf(json)).toEqual(expect.arrayContaining(ON_DIFF));
      const user = server.requests.map((request) => JSON.stringify(request.messages)).join("\n");
      expect(user).toContain("return a * b;");
      expect(user).not.toContain("uncommitted scribbles");
    } finally {
      await repo.git("checkout", "-q", "--", "src/math.ts");
      await repo.git("checkout", "-q", "feature");
    }
  });

  it("reviews from the merge base with the default branch, so later commits on main stay out", async () => {
    const forked = await createTempRepo();
    try {
      await forked.write({ "a.ts": "export const a = 1;\n", "b.ts": "export const b = 1;\n" });
      await forked.commit("base");
      await forked.git("checkout", "-q", "-b", "topic");
      await forked.write({ "a.ts": "export const a = 2;\n" });
      await forked.commit("change a");
      await forked.git("checkout", "-q", "main");
      await forked.write({ "b.ts": "export const b = 2;\n" });
      await forked.commit("change b on main");
      await forked.git("checkout", "-q", "topic");
      const run = await runCliInProcess(["review", "--format", "json"], forked.dir, env);
      expect(run.code).toBe(0);
      const json = reviewJsonSchema.parse(JSON.parse(run.stdout));
      expect(json.stats.filesChanged).toBe(1);
      expect(JSON.stringify(server.requests)).not.toContain("b.ts");
    } finally {
      await forked.remove();
    }
  });

  it("exits 2 when there is no default branch and no --base", async () => {
    const trunk = await createTempRepo();
    try {
      await trunk.git("checkout", "-q", "-b", "trunk");
      await trunk.write({ "a.ts": "export const a = 1;\n" });
      await trunk.commit("only commit");
      const run = await runCliInProcess(["review"], trunk.dir, env);
      expect(run.code).toBe(2);
      expect(oneLine(run.stderr)).toMatch(/^foureyes: cannot find the default branch .*pass --base REF$/);
    } finally {
      await trunk.remove();
    }
  });

  it("takes .github/foureyes.yml from the base commit, so the change cannot reconfigure its own review", async () => {
    const configured = await createTempRepo();
    try {
      await configured.write({ ".github/foureyes.yml": "minSeverity: major\n", "src/math.ts": text(BASE_MATH) });
      await configured.commit("base with config");
      await configured.git("checkout", "-q", "-b", "sneaky");
      await configured.write({ ".github/foureyes.yml": "enabled: false\n", "src/math.ts": text(HEAD_MATH) });
      await configured.commit("turn the review off and change code");
      const run = await runCliInProcess(["review", "--format", "json"], configured.dir, env);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const json = reviewJsonSchema.parse(JSON.parse(run.stdout));
      // Reviewed (enabled at the base), and only "major" and above kept (the base's minSeverity).
      expect(placesOf(json)).toEqual([{ path: "src/math.ts", line: 2, side: "RIGHT" }]);
    } finally {
      await configured.remove();
    }
  });

  it("exits 2 with one line when .github/foureyes.yml at the base is invalid", async () => {
    const broken = await createTempRepo();
    try {
      await broken.write({ ".github/foureyes.yml": "maxComment: 3\n", "a.ts": "export const a = 1;\n" });
      await broken.commit("base with a typo in the config");
      await broken.git("checkout", "-q", "-b", "topic");
      await broken.write({ "a.ts": "export const a = 2;\n" });
      await broken.commit("change");
      const run = await runCliInProcess(["review"], broken.dir, env);
      expect(run.code).toBe(2);
      expect(oneLine(run.stderr)).toMatch(/^foureyes: invalid config: \.github\/foureyes\.yml at [0-9a-f]{12}: maxComment: unknown key \(did you mean maxComments\?\)$/);
      expect(run.stdout).toBe("");
    } finally {
      await broken.remove();
    }
  });

  it("says so on stderr and exits 0 when the repository config turns reviews off", async () => {
    const config = await writeTempFile("off.yml", "enabled: false\n");
    const run = await runCliInProcess(["review", "--config", config], repo.dir, env);
    expect(run.code).toBe(0);
    expect(oneLine(run.stderr)).toMatch(/^foureyes: not reviewed: .*enabled: false/);
    expect(server.requests).toHaveLength(0);
  });

  it("exits 2 with one line for a --model-url that is not a URL", async () => {
    const run = await runCliInProcess(["review", "--model-url", "localhost:11434"], repo.dir, env);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(/^foureyes: --model-url must be an http\(s\) URL/);
  });
});

/** A loopback port nothing listens on: bind one, then let it go. */
async function findClosedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

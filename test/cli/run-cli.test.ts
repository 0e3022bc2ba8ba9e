// The command dispatch: `foureyes report` reaches the report command, and usage
// mistakes end with exit code 2 and one line, before any network call.
import { describe, expect, it } from "vitest";

import { runCli } from "../../src/cli/run-cli.js";

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: process.cwd(), env });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("runCli", () => {
  it("dispatches `report` and rejects a malformed --repo with one line", async () => {
    const { code, stderr } = await run(["report", "--repo", "not-a-repo"], { GITHUB_TOKEN: "t" });
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/owner\/name/);
  });

  it("requires --repo for `report`", async () => {
    const { code, stderr } = await run(["report"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--repo/);
  });

  it("lists both commands in the help", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/review \[options\]/);
    expect(stdout).toMatch(/report \[options\]/);
  });
});

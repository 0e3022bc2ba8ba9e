// The `foureyes` command as npm installs it: package.json's bin must point at a
// built, executable file (npx runs it directly, without `node`).
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

describe("the installed foureyes command", () => {
  it("is built, executable and answers --help", { timeout: 120_000 }, () => {
    const bin = (JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { bin: Record<string, string> }).bin.foureyes!;
    const entry = resolve(root, bin);
    // `npm ci` builds through `prepare`; build here when the tests run on a tree without dist/.
    if (!existsSync(entry)) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
    expect(() => accessSync(entry, constants.X_OK)).not.toThrow();
    const help = execFileSync(entry, ["--help"], { cwd: root, encoding: "utf8" });
    expect(help).toMatch(/review \[options\]/);
  });
});

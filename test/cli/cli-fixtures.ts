// Fixtures for the CLI tests: throwaway git repositories, and the CLI run as
// a real subprocess (`node --import tsx src/cli.ts`) or in-process (runCli).

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { runCli } from "../../src/cli/run-cli.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI_ENTRY = join(REPO_ROOT, "src/cli.ts");
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Git for fixtures: a fixed identity, no user or system config, no signing. */
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Fixture Author",
  GIT_AUTHOR_EMAIL: "author@example.invalid",
  GIT_COMMITTER_NAME: "Fixture Author",
  GIT_COMMITTER_EMAIL: "author@example.invalid",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
};

export interface TempRepo {
  dir: string;
  git(...args: string[]): Promise<string>;
  /** Writes files (creating folders); a null content deletes the file. */
  write(files: Record<string, string | Buffer | null>): Promise<void>;
  /** `git add -A` and commit, also when nothing changed. */
  commit(message: string): Promise<void>;
  remove(): Promise<void>;
}

export function runGitIn(dir: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile("git", args, { cwd: dir, env: GIT_ENV, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(" ")} failed in ${dir}: ${stderr}`));
      else resolvePromise(stdout);
    });
  });
}

export async function createTempRepo(): Promise<TempRepo> {
  const dir = await mkdtemp(join(tmpdir(), "foureyes-cli-"));
  const git = (...args: string[]) => runGitIn(dir, args);
  await git("init", "-q", "-b", "main");
  return {
    dir,
    git,
    async write(files) {
      for (const [path, content] of Object.entries(files)) {
        const target = join(dir, path);
        if (content === null) {
          await rm(target, { force: true });
          continue;
        }
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, content);
      }
    },
    async commit(message) {
      await git("add", "-A");
      await git("-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "--no-verify", "-m", message);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A repository with `base` committed on main and `head` committed on the branch `feature`, which is checked out. */
export async function createFeatureRepo(change: {
  base: Record<string, string | Buffer | null>;
  head: Record<string, string | Buffer | null>;
  baseMessage?: string;
  headMessage?: string;
}): Promise<TempRepo> {
  const repo = await createTempRepo();
  await repo.write(change.base);
  await repo.commit(change.baseMessage ?? "Initial commit");
  await repo.git("checkout", "-q", "-b", "feature");
  await repo.write(change.head);
  await repo.commit(change.headMessage ?? "Change");
  return repo;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment the CLI sees: no stray FOUREYES_* or LOG_LEVEL from the machine running the tests. */
export function cliEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("FOUREYES_") && key !== "LOG_LEVEL") env[key] = value;
  }
  return { ...env, FOUREYES_MODEL_MAX_RETRIES: "0", ...overrides };
}

/** The real command, as a user runs it: a node process in `cwd`. */
export function runCliProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      ["--import", TSX_LOADER, CLI_ENTRY, ...args],
      { cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}

/** The same command in this process, for the corpus run where 80 subprocesses would be slow. */
export async function runCliInProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

/** A temp file outside any repository, e.g. a --config file. */
export async function writeTempFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "foureyes-file-"));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

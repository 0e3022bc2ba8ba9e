// Runs git without a shell (execFile), with the user's diff settings that
// would change the output's shape switched off.

import { execFile } from "node:child_process";

/** A git command failed; `stderr` holds git's own words. */
export class GitError extends Error {
  override name = "GitError";
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
  }
}

/** Git was asked for more output than `maxBuffer` allows. */
export class GitOutputTooLargeError extends GitError {
  override name = "GitOutputTooLargeError";
}

const DEFAULT_MAX_BUFFER = 256 * 1024 * 1024;

/** Config that would change what `git diff` prints, neutralised for every call. */
const NEUTRAL_CONFIG = [
  "-c", "core.quotePath=false",
  "-c", "diff.noprefix=false",
  "-c", "diff.mnemonicPrefix=false",
  "-c", "diff.relative=false",
  "-c", "color.ui=never",
];

export interface GitOptions {
  maxBuffer?: number;
}

export async function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  return (await runGitBuffer(cwd, args, options)).toString("utf8");
}

export function runGitBuffer(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      [...NEUTRAL_CONFIG, ...args],
      {
        cwd,
        encoding: "buffer",
        maxBuffer: options.maxBuffer ?? DEFAULT_MAX_BUFFER,
        // No pager, no prompts, no locale-dependent messages, no hooks reading our stdin.
        env: { ...process.env, GIT_PAGER: "cat", GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const text = stderr.toString("utf8").trim();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
          reject(new GitOutputTooLargeError(`git ${args[0]}: output over ${options.maxBuffer ?? DEFAULT_MAX_BUFFER} bytes`, args, text, null));
        } else if (code === "ENOENT") {
          reject(new GitError("git is not installed or not on PATH", args, text, null));
        } else {
          const exitCode = typeof code === "number" ? code : null;
          reject(new GitError(`git ${args[0]} failed: ${text.split("\n")[0] || error.message}`, args, text, exitCode));
        }
      },
    );
  });
}

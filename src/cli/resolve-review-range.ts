// Finds the git work tree and the commit range to review: the merge base of
// the head with the base (default: the default branch) up to the head.

import { stat } from "node:fs/promises";

import { CliUsageError } from "./cli-error.js";
import { GitError, runGit } from "./git.js";

export interface ReviewRange {
  /** The top directory of the work tree. */
  root: string;
  /** Merge base of `baseRef` and `headRef`, a full SHA: the diff starts here, and the config is read here. */
  base: string;
  head: string;
  baseRef: string;
  headRef: string;
}

/** Candidates for the default branch, in order, when the user gives no --base. */
export const DEFAULT_BASE_DESCRIPTION = "the default branch: origin/HEAD if set, else main, else master";

export async function findWorkTreeRoot(cwd: string): Promise<string> {
  const info = await stat(cwd).catch(() => null);
  if (!info?.isDirectory()) throw new CliUsageError(`not a directory: ${cwd}`);
  try {
    const inside = (await runGit(cwd, ["rev-parse", "--is-inside-work-tree"])).trim();
    if (inside !== "true") throw new CliUsageError(`not a git work tree: ${cwd}`);
    return (await runGit(cwd, ["rev-parse", "--show-toplevel"])).trim();
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    if (error instanceof GitError && /not a git repository/i.test(error.stderr)) throw new CliUsageError(`not a git repository: ${cwd}`);
    if (error instanceof GitError && error.exitCode === null) throw new CliUsageError(error.message);
    throw new CliUsageError(`not a git work tree: ${cwd} (${error instanceof Error ? error.message : String(error)})`);
  }
}

export async function resolveReviewRange(cwd: string, options: { base?: string; head?: string }): Promise<ReviewRange> {
  const root = await findWorkTreeRoot(cwd);
  const headRef = options.head ?? "HEAD";
  const head = await resolveCommit(root, headRef);
  const baseRef = options.base ?? (await findDefaultBranch(root));
  const baseCommit = await resolveCommit(root, baseRef);
  let base: string;
  try {
    base = (await runGit(root, ["merge-base", baseCommit, head])).trim();
  } catch {
    throw new CliUsageError(`${baseRef} and ${headRef} have no common history; pass a --base that ${headRef} branched from`);
  }
  return { root, base, head, baseRef, headRef };
}

async function resolveCommit(root: string, ref: string): Promise<string> {
  // A ref starting with "-" would be read as an option.
  if (ref === "" || ref.startsWith("-")) throw new CliUsageError(`unknown ref: ${JSON.stringify(ref)}`);
  try {
    return (await runGit(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`])).trim();
  } catch {
    const empty = ref === "HEAD" && !(await hasCommits(root));
    throw new CliUsageError(empty ? "unknown ref: HEAD (the repository has no commits yet)" : `unknown ref: ${ref} (no such branch, tag or commit)`);
  }
}

async function hasCommits(root: string): Promise<boolean> {
  const refs = await runGit(root, ["for-each-ref", "--count=1", "--format=%(refname)", "refs/heads"]).catch(() => "");
  return refs.trim() !== "";
}

async function findDefaultBranch(root: string): Promise<string> {
  const originHead = await runGit(root, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]).catch(() => "");
  if (originHead.trim() !== "") return originHead.trim().replace(/^refs\/remotes\//, "");
  for (const candidate of ["main", "master"]) {
    const found = await runGit(root, ["rev-parse", "--verify", "--quiet", `refs/heads/${candidate}^{commit}`]).then(
      () => true,
      () => false,
    );
    if (found) return candidate;
  }
  throw new CliUsageError(`cannot find the default branch (no origin/HEAD, main or master); pass --base REF`);
}

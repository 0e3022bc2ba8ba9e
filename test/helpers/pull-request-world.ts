// One pull request whose commits change over a test, served through the HTTP
// GitHub mock: pushes, rebases and force-pushes; the files and patches of the
// PR (git diff of base and head), the compare API between two commits, head
// file contents and file list, the reviews and inline comments foureyes posts
// (stored as written by its account), and what the team does to them (resolve
// a thread, a 👎, a reply). State can be read back from GitHub alone, as in production.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { APP_USER } from "./app-identity.js";
import { type GitHubMock, notFoundReply, pullRequestJson } from "./github-mock.js";
import { CONFIG_PATH, OWNER, PR_PATH, PULL, REPO } from "./queue-fixtures.js";

export type Files = Record<string, string>;

interface Commit {
  files: Files;
  /** Every commit this one descends from. */
  ancestors: Set<string>;
}

export interface WorldComment {
  id: number;
  path: string;
  line: number | null;
  body: string;
  user: { login: string; type: string };
  in_reply_to_id?: number;
  /** The review that posted it (foureyes' comments only). */
  pull_request_review_id?: number;
  reactions: { "-1": number };
}

const REPO_PATH = `/repos/${OWNER}/${REPO}`;

export class PullRequestWorld {
  readonly commits = new Map<string, Commit>();
  baseSha: string;
  headSha: string;
  readonly reviews: { id: number; body: string; commit_id: string; user: typeof APP_USER }[] = [];
  readonly comments: WorldComment[] = [];
  readonly resolved = new Set<number>();
  readonly checkRuns: { title: string; summary: string }[] = [];
  private shaCount = 0;

  constructor(base: Files, head: Files) {
    this.baseSha = this.commit(base, []);
    this.headSha = this.commit(head, [this.baseSha]);
  }

  /** A normal push on top of the head. */
  push(files: Files): string {
    this.headSha = this.commit(files, [this.headSha]);
    return this.headSha;
  }

  /** A rebase (or a force-push): the new head no longer descends from the old one. */
  rebase(base: Files, head: Files): string {
    this.baseSha = this.commit(base, [this.baseSha]);
    this.headSha = this.commit(head, [this.baseSha]);
    return this.headSha;
  }

  /** The base branch moves on (`changes` to other files) and is merged into the pull request. */
  mergeFromBase(changes: Files): string {
    const base = this.commit({ ...this.commits.get(this.baseSha)!.files, ...changes }, [this.baseSha]);
    this.baseSha = base;
    this.headSha = this.commit({ ...this.commits.get(this.headSha)!.files, ...changes }, [this.headSha, base]);
    return this.headSha;
  }

  /** The comment foureyes posted whose body contains `text`. */
  findComment(text: string): WorldComment {
    const found = this.comments.find((comment) => comment.user.login === APP_USER.login && comment.body.includes(text));
    if (!found) throw new Error(`no foureyes comment says ${JSON.stringify(text)}`);
    return found;
  }

  reply(to: WorldComment, body: string, user = { login: "maria", type: "User" }): void {
    this.comments.push({ id: this.nextCommentId(), path: to.path, line: to.line, body, user, in_reply_to_id: to.id, reactions: { "-1": 0 } });
  }

  /** Registers every route a review reads or writes, any number of times. */
  serve(gh: GitHubMock): void {
    gh.on("GET", PR_PATH, () => [200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: this.headSha, baseSha: this.baseSha })], {
      times: Infinity,
    });
    gh.on("GET", `${PR_PATH}/files`, () => [200, this.changedFiles(this.baseSha, this.headSha)], { times: Infinity });
    gh.on("GET", CONFIG_PATH, notFoundReply(), { times: Infinity });
    gh.on("GET", `${PR_PATH}/comments`, () => [200, this.comments], { times: Infinity });
    gh.on("GET", new RegExp(`^${REPO_PATH}/contents/`), (_body, uri) => this.content(uri), { times: Infinity });
    gh.on("GET", `${PR_PATH}/reviews`, () => [200, this.reviews], { times: Infinity });
    gh.on("POST", `${PR_PATH}/reviews`, (body: { body: string; commit_id: string; comments: { path: string; line: number; body: string }[] }) => {
      const review = { id: this.reviews.length + 1, body: body.body, commit_id: body.commit_id, user: APP_USER };
      this.reviews.push(review);
      for (const comment of body.comments) {
        const posted = { id: this.nextCommentId(), path: comment.path, line: comment.line, body: comment.body, user: APP_USER, reactions: { "-1": 0 } };
        this.comments.push({ ...posted, pull_request_review_id: review.id });
      }
      return [200, review];
    }, { times: Infinity });
    gh.on("POST", "/graphql", () => [200, { data: this.threads() }], { times: Infinity });
    gh.on("GET", new RegExp(`^${REPO_PATH}/compare/`), (_body, uri) => this.compare(uri), { times: Infinity });
    gh.on("GET", new RegExp(`^${REPO_PATH}/git/trees/`), (_body, uri) => this.tree(uri), { times: Infinity });
    gh.on("POST", `${REPO_PATH}/check-runs`, (body: { output: { title: string; summary: string } }) => {
      this.checkRuns.push(body.output);
      return [201, { id: this.checkRuns.length }];
    }, { times: Infinity });
  }

  private commit(files: Files, parents: string[]): string {
    this.shaCount += 1;
    // Distinct in their first seven characters, as review bodies show them.
    const sha = `${this.shaCount.toString(16).padStart(7, "0")}${"e".repeat(33)}`;
    const ancestors = new Set(parents.flatMap((parent) => [parent, ...(this.commits.get(parent)?.ancestors ?? [])]));
    this.commits.set(sha, { files: { ...files }, ancestors });
    return sha;
  }

  private nextCommentId(): number {
    return 5000 + this.comments.length;
  }

  private changedFiles(from: string, to: string) {
    const before = this.commits.get(from)!.files;
    const after = this.commits.get(to)!.files;
    const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((path) => before[path] !== after[path]).sort();
    return paths.map((path) => {
      const patch = unifiedPatch(before[path] ?? "", after[path] ?? "");
      const status = before[path] === undefined ? "added" : after[path] === undefined ? "removed" : "modified";
      const additions = patch.split("\n").filter((line) => line.startsWith("+")).length;
      const deletions = patch.split("\n").filter((line) => line.startsWith("-")).length;
      return { sha: "c".repeat(40), filename: path, status, additions, deletions, changes: additions + deletions, patch };
    });
  }

  private content(uri: string) {
    const url = new URL(uri, "https://api.github.com");
    const path = decodeURIComponent(url.pathname.slice(`${REPO_PATH}/contents/`.length));
    const text = this.commits.get(url.searchParams.get("ref") ?? "")?.files[path];
    return text === undefined ? notFoundReply() : ([200, text, { "content-type": "application/vnd.github.raw" }] as const);
  }

  /** The recursive tree of a commit: its file paths. */
  private tree(uri: string) {
    const sha = decodeURIComponent(new URL(uri, "https://api.github.com").pathname.split("/git/trees/")[1] ?? "");
    const files = this.commits.get(sha)?.files;
    if (!files) return notFoundReply();
    return [200, { sha, truncated: false, tree: Object.keys(files).map((path) => ({ path, mode: "100644", type: "blob", sha: "0".repeat(40) })) }] as const;
  }

  private compare(uri: string) {
    const [from = "", to = ""] = decodeURIComponent(new URL(uri, "https://api.github.com").pathname.split("/compare/")[1] ?? "").split("...");
    const head = this.commits.get(to);
    if (!this.commits.has(from) || !head) return notFoundReply();
    if (!head.ancestors.has(from)) return [200, { status: "diverged", ahead_by: 1, behind_by: 1, files: [] }] as const;
    return [200, { status: from === to ? "identical" : "ahead", ahead_by: 1, behind_by: 0, files: this.changedFiles(from, to) }] as const;
  }

  private threads() {
    const openers = this.comments.filter((comment) => comment.in_reply_to_id === undefined);
    const nodes = openers.map((comment) => ({ isResolved: this.resolved.has(comment.id), comments: { nodes: [{ databaseId: comment.id }] } }));
    return { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } };
  }
}

/** GitHub's per-file patch: git's hunks, three lines of context, no file headers. */
function unifiedPatch(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), "foureyes-world-"));
  try {
    writeFileSync(join(dir, "a"), before);
    writeFileSync(join(dir, "b"), after);
    let output = "";
    try {
      execFileSync("git", ["diff", "--no-index", "--no-color", "-U3", "a", "b"], { cwd: dir, encoding: "utf8" });
    } catch (error) {
      // git diff exits 1 when the files differ.
      output = (error as { stdout: string }).stdout;
    }
    return output.slice(output.indexOf("@@")).replace(/\n$/, "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

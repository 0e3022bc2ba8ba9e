// The review source for a GitHub pull request (pipeline step 1): PR metadata,
// the changed files through the paginated files endpoint (never the whole
// diff), the repo config from the DEFAULT branch, earlier foureyes comments,
// and head-version file contents on demand.

import type { ReviewLimits } from "../config/server-env.js";
import { COMMENT_MARKER } from "../review/markers.js";
import type { ReviewSource } from "../review/ports.js";
import { decodeHeadFile, tooLarge } from "../review/decode-head-file.js";
import type { ChangedFile, HeadFile, PriorComment, ReviewSnapshot } from "../review/types.js";
import { StaleHeadError } from "./errors.js";
import { httpStatusOf } from "./http-status.js";
import type { GitHubClient } from "./octokit.js";
import { formatPullTarget, type PullTarget } from "./pull-target.js";
import { readRepoConfig } from "./read-repo-config.js";

/** GitHub's contents API serves files up to 1 MB as JSON/raw in the normal way. */
const CONTENTS_API_MAX_BYTES = 1024 * 1024;

const CHANGED_FILE_STATUSES = new Set<ChangedFile["status"]>([
  "added",
  "modified",
  "removed",
  "renamed",
  "copied",
  "changed",
  "unchanged",
]);

export function createPullRequestSource(octokit: GitHubClient, target: PullTarget, limits: ReviewLimits): ReviewSource {
  const { owner, repo } = target;
  const label = formatPullTarget(target);

  return {
    async loadSnapshot(): Promise<ReviewSnapshot> {
      const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: target.pullNumber });
      // Reviewing files of a newer head under the old head's name would mislabel the review.
      if (pr.head.sha !== target.headSha) throw new StaleHeadError(label, target.headSha, pr.head.sha);

      const defaultBranch = pr.base.repo.default_branch || (await octokit.rest.repos.get({ owner, repo })).data.default_branch;
      const [files, repoConfig, priorComments] = await Promise.all([
        listChangedFiles(octokit, target),
        readRepoConfig(octokit, target, defaultBranch),
        listPriorComments(octokit, target),
      ]);

      const snapshot: ReviewSnapshot = {
        label,
        title: pr.title,
        description: pr.body ?? "",
        baseSha: pr.base.sha,
        headSha: pr.head.sha,
        draft: pr.draft === true,
        authorIsBot: pr.user.type === "Bot",
        files,
        config: repoConfig.config,
        priorComments,
      };
      if (repoConfig.error !== undefined) snapshot.configError = repoConfig.error;
      return snapshot;
    },

    async readHeadFile(path: string): Promise<HeadFile> {
      return readFileAt(octokit, target, path, target.headSha, Math.min(limits.maxFileBytes, CONTENTS_API_MAX_BYTES));
    },
  };
}

/** Every changed file, 100 a page (GitHub lists at most 3,000); works past the diff endpoint's 300-file limit. */
async function listChangedFiles(octokit: GitHubClient, target: PullTarget): Promise<ChangedFile[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100,
  });
  return files.map((file) => {
    const changed: ChangedFile = {
      path: file.filename,
      status: CHANGED_FILE_STATUSES.has(file.status as ChangedFile["status"]) ? (file.status as ChangedFile["status"]) : "modified",
      additions: file.additions,
      deletions: file.deletions,
    };
    if (file.previous_filename) changed.previousPath = file.previous_filename;
    if (typeof file.patch === "string") changed.patch = file.patch;
    return changed;
  });
}

/** Inline comments foureyes left on earlier commits of this PR (they carry the comment marker). */
async function listPriorComments(octokit: GitHubClient, target: PullTarget): Promise<PriorComment[]> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100,
  });
  return comments
    .filter((comment) => comment.body.includes(COMMENT_MARKER))
    .map((comment) => ({
      path: comment.path,
      line: comment.line ?? comment.original_line ?? null,
      body: priorCommentText(comment.body),
    }));
}

/** The finding's own words: the rendered comment minus its severity heading and the hidden marker. */
export function priorCommentText(rendered: string): string {
  return rendered
    .replace(COMMENT_MARKER, "")
    .replace(/^\*\*[A-Za-z]+\*\* · [^\n]*\n+/, "")
    .trim();
}

/** A file's text at `ref` (raw media type); null when absent, over `maxBytes` or binary. */
async function readFileAt(
  octokit: GitHubClient,
  target: PullTarget,
  path: string,
  ref: string,
  maxBytes: number,
): Promise<HeadFile> {
  let response: { data: unknown; headers: Record<string, unknown> };
  try {
    response = await octokit.rest.repos.getContent({
      owner: target.owner,
      repo: target.repo,
      path,
      ref,
      mediaType: { format: "raw" },
    });
  } catch (error) {
    // 404: absent at head (removed, or a submodule); 403/413 "too large": over the API's limit.
    const status = httpStatusOf(error);
    if (status === 404) return { kind: "absent" };
    if (status === 403 || status === 413) return { kind: "skipped", reason: "too-large", detail: "over GitHub's contents API limit" };
    throw error;
  }
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(declared, maxBytes);

  const bytes = toBytes(response.data);
  return bytes === null ? { kind: "absent" } : decodeHeadFile(bytes, maxBytes);
}

function toBytes(data: unknown): Buffer | null {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return null; // JSON: a directory listing or a submodule, not a file
}

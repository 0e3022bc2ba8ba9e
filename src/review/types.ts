// The data that flows through the review pipeline (see DESIGN.md, "Data flow").
// Plain types only: every step is a function from one of these to the next.

import type { CustomRuleFiles } from "../analysis/parse-custom-rule-packs.js";
import type { TestGap } from "../analysis/test-gaps/types.js";
import type { RepoConfig } from "../config/repo-config.js";
import type { AnchoredComment, PriorComment } from "../core/comments.js";
import type { ChangedFile } from "../core/diff.js";
import type { TestSuggestionsOutcome } from "./test-suggestions/types.js";

export type SkipReason =
  | "lockfile"
  | "generated"
  | "vendored"
  | "minified"
  | "source-map"
  | "binary"
  | "too-large"
  | "no-patch"
  | "excluded-by-config"
  | "removed"
  | "over-file-limit"
  | "secret-bearing";

export interface SkippedFile {
  path: string;
  reason: SkipReason;
  /** Human words for the review body, e.g. "lockfile — 2 bumped, 1 added". */
  detail?: string;
  /** A lockfile's dependencies that changed versions, read from its diff. */
  dependencyChanges?: DependencyChange[];
}

/** A dependency added (`to` only), removed (`from` only) or bumped (both) in a lockfile. */
export interface DependencyChange {
  name: string;
  from?: string;
  to?: string;
}

/** One model request: a slice of the change under the token budget. */
export interface ReviewChunk {
  id: string;
  paths: string[];
  /** The user-message text: declarations and numbered hunks for the files of this chunk. */
  context: string;
  estimatedTokens: number;
  /** The rules' and secret detectors' findings on this chunk's files, one line each (`path:line rule-id: title`): the model is told not to repeat them. */
  alreadyReported?: string[];
}

/** What a review covers: the whole pull request, or what changed since the last head foureyes reviewed. */
export type ReviewScope = { kind: "whole" } | { kind: "since"; sinceSha: string };

/** Everything the pipeline needs from the source, loaded once. */
export interface ReviewSnapshot {
  /** "owner/repo#123" for a PR, a path for a local repository. */
  label: string;
  title: string;
  /** The PR description: untrusted text, passed to the model as data only. */
  description: string;
  baseSha: string;
  headSha: string;
  /** Draft pull request (reviewed only when the config says so). */
  draft: boolean;
  /** Opened by a bot account (author type `Bot`), reviewed only when the config says so. */
  authorIsBot: boolean;
  files: ChangedFile[];
  config: RepoConfig;
  /** Set when the repository's config file had problems: each bad key is named and fell back, the rest hold. */
  configError?: string;
  /** The config file cannot be read as settings (or its `enabled` cannot): no review until it is fixed. */
  configHalted?: boolean;
  priorComments: PriorComment[];
  /** Absent: the whole change (the CLI's range). `files` are already narrowed to the scope. */
  scope?: ReviewScope;
  /** The pull request's web address as GitHub gives it (GitHub Enterprise too); absent for a local change. */
  pullUrl?: string;
  /** The repository's own rule packs, read from the default branch (the base locally) when `rules.custom` is on. */
  customRules?: CustomRuleFiles;
}

export interface ModelInfo {
  name: string;
  ok: boolean;
  error?: string;
}

export interface ReviewStats {
  filesChanged: number;
  filesReviewed: number;
  filesSkipped: number;
  chunks: number;
  promptTokens: number;
  commentsProposed: number;
  commentsInvalid: number;
  /** Model comments that came without side, severity or category and were given defaults (absent in older records). */
  commentsDefaulted?: number;
  commentsDropped: number;
  commentsMoved: number;
  commentsMerged: number;
  commentsOverCap: number;
  commentsPosted: number;
  /** Test suggestions shown, and dropped by validation (absent where none were asked for). */
  testSuggestions?: number;
  testSuggestionsDropped?: number;
  durationMs: number;
}

/** The pipeline's result: what the sink publishes and the audit records. */
export interface ReviewResult {
  label: string;
  headSha: string;
  summary: string;
  comments: AnchoredComment[];
  /** Comments over the cap, listed briefly in the body. */
  overflow: AnchoredComment[];
  skipped: SkippedFile[];
  model: ModelInfo;
  promptVersion: string;
  stats: ReviewStats;
  configError?: string;
  /** Custom rule files or rules left out (not YAML, not a pack, a query that does not compile, over a bound), each named. */
  ruleProblems?: string[];
  /** For the audit trail (set by the pipeline): the files whose changes were reviewed (the rest are in `skipped`), the base, the effective config. */
  reviewed?: string[];
  baseSha?: string;
  config?: RepoConfig;
  /** The audit record that starts this review's story ("<installation>/<seq>"), named in the footer. */
  auditId?: string;
  /** The pull request's web address: findings in the body link to their lines under it. */
  pullUrl?: string;
  /** What the review covered (said in its body); absent for the CLI. */
  scope?: ReviewScope;
  /** Each exported symbol the change adds or alters outside tests: tested in this pull request or not, the module's test file. */
  testGaps?: TestGap[];
  /** Why the existing-test column may be incomplete (file list unreadable or cut short). */
  testGapNote?: string;
  /** Validated test suggestions for untested changed symbols, and what was dropped (src/review/test-suggestions/). */
  testSuggestions?: TestSuggestionsOutcome;
}

/** What a sink reports of a published review (GitHub: the review's and its inline comments' ids). */
export interface PublishedReview {
  reviewId: number;
  /** null when they could not be read back. */
  commentIds: number[] | null;
}

/**
 * Why a pull request was not reviewed; "config-halted": the repository's config file must be fixed first;
 * "nothing-new": the commits since the last reviewed head change nothing reviewable of the pull request.
 */
export type NotReviewedReason = "disabled" | "draft" | "bot-author" | "config-halted" | "nothing-new";

/** What a pipeline run ended with. */
export type ReviewOutcome =
  | { status: "published"; result: ReviewResult; posted?: PublishedReview }
  | { status: "not-reviewed"; reason: NotReviewedReason; configError?: string; sinceSha?: string };

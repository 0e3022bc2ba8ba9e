// The data that flows through the review pipeline (see DESIGN.md, "Data flow").
// Plain types only: every step is a function from one of these to the next.

import type { RepoConfig } from "../config/repo-config.js";

/** A changed file as the source reports it (GitHub's pulls.listFiles shape, trimmed). */
export interface ChangedFile {
  path: string;
  /** Set for renamed/copied files. */
  previousPath?: string;
  status: "added" | "modified" | "removed" | "renamed" | "copied" | "changed" | "unchanged";
  additions: number;
  deletions: number;
  /** Unified-diff hunks without file headers; absent when GitHub omits it (binary or too large). */
  patch?: string;
}

/** One line of a hunk. `oldLine` is set for context/deleted lines, `newLine` for context/added. */
export interface DiffLine {
  kind: "add" | "del" | "context";
  oldLine?: number;
  newLine?: number;
  text: string;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The `@@ … @@ section` header line. */
  header: string;
  lines: DiffLine[];
}

/** A parsed file diff with the lines a review comment may sit on. */
export interface FileDiff {
  path: string;
  previousPath?: string;
  status: ChangedFile["status"];
  hunks: Hunk[];
  /** True when GitHub sent no patch (binary or over its per-file limit). */
  patchMissing: boolean;
}

export type Side = "RIGHT" | "LEFT";

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
  | "over-file-limit";

export interface SkippedFile {
  path: string;
  reason: SkipReason;
  /** Human words for the review body, e.g. "lockfile (package-lock.json)". */
  detail?: string;
}

/** A file's head version as a source reads it: its text, or why there is none to review. */
export type HeadFile =
  | { kind: "text"; text: string }
  | { kind: "skipped"; reason: "binary" | "too-large"; detail: string }
  | { kind: "absent" };

/** A named declaration that encloses changed lines (head version of the file). */
export interface TouchedDeclaration {
  name: string;
  kind: "function" | "method" | "class" | "arrow" | "function-expression" | "const" | "interface" | "type" | "enum";
  startLine: number;
  endLine: number;
  /** The declaration's full text (may be trimmed to the budget, then `truncated`). */
  text: string;
  truncated: boolean;
}

/** What the analysis step knows about one reviewable file. */
export interface FileAnalysis {
  path: string;
  language: "typescript" | "tsx" | "javascript" | null;
  diff: FileDiff;
  declarations: TouchedDeclaration[];
  /** True when tree-sitter recovered from syntax errors in the head version. */
  hasSyntaxErrors: boolean;
  /** Why syntax context is missing, when it is (unsupported language, head unavailable, parse failure). */
  contextNote?: string;
}

/** One model request: a slice of the change under the token budget. */
export interface ReviewChunk {
  id: string;
  paths: string[];
  /** The user-message text: declarations and numbered hunks for the files of this chunk. */
  context: string;
  estimatedTokens: number;
}

export type Severity = "critical" | "major" | "minor" | "nit";
export type Category = "bug" | "security" | "performance" | "maintainability" | "test" | "style";

/** A comment as the model (or a rule) proposes it, already schema-validated, not yet anchored. */
export interface ProposedComment {
  path: string;
  line: number;
  startLine?: number;
  side: Side;
  severity: Severity;
  category: Category;
  body: string;
  /** "model" or "rule:<id>". */
  source: string;
}

/** A comment that sits on a diff line and is safe to post. */
export interface AnchoredComment extends ProposedComment {
  /** How far the anchor moved from where the model put it (0 when it landed exactly). */
  movedBy: number;
}

/** A comment foureyes posted on an earlier commit of the same PR (for de-duplication). */
export interface PriorComment {
  path: string;
  line: number | null;
  body: string;
}

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
  /** Set when the repository's config file was invalid and defaults are in use. */
  configError?: string;
  priorComments: PriorComment[];
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
  commentsDropped: number;
  commentsMoved: number;
  commentsMerged: number;
  commentsOverCap: number;
  commentsPosted: number;
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
}

/** What a pipeline run ended with. */
export type ReviewOutcome =
  | { status: "published"; result: ReviewResult }
  | { status: "not-reviewed"; reason: "disabled" | "draft" | "bot-author" };

// The diff as every layer sees it: changed files, hunks, lines, and the side a
// comment sits on. Plain types; GitHub's and git's shapes are mapped into these.

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

// The lines of a per-file patch a review comment may sit on, hunk by hunk,
// computed here independently of src/diff so tests can check the pipeline.

export interface HunkLines {
  /** New-file numbers of added and context lines. */
  right: Set<number>;
  /** Old-file numbers of deleted lines. */
  left: Set<number>;
}

export function hunkLinesOf(patch: string): HunkLines[] {
  const hunks: HunkLines[] = [];
  let current: HunkLines | null = null;
  let oldLine = 0;
  let newLine = 0;
  for (const line of patch.split("\n")) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      current = { right: new Set(), left: new Set() };
      hunks.push(current);
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      continue;
    }
    if (!current || line.startsWith("\\")) continue;
    if (line.startsWith("+")) current.right.add(newLine++);
    else if (line.startsWith("-")) current.left.add(oldLine++);
    else {
      current.right.add(newLine++);
      oldLine++;
    }
  }
  return hunks;
}

/** True when `line` (and `startLine`, for a range) sit on `side` inside one hunk. */
export function sitsOnDiff(
  hunks: HunkLines[] | undefined,
  comment: { line: number; startLine?: number; side: "LEFT" | "RIGHT" },
): boolean {
  if (!hunks) return false;
  return hunks.some((hunk) => {
    const lines = comment.side === "LEFT" ? hunk.left : hunk.right;
    return lines.has(comment.line) && (comment.startLine === undefined || lines.has(comment.startLine));
  });
}

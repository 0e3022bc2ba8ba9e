// Turns one changed file's GitHub `patch` (hunks only, no file headers) into
// hunks of numbered lines, with the old-side and new-side line numbers that
// review comments are anchored to.

import parseDiff from "parse-diff";

import type { ChangedFile, DiffLine, FileDiff, Hunk } from "../core/diff.js";

export function parseFileDiff(file: ChangedFile): FileDiff {
  const base = { path: file.path, status: file.status, ...(file.previousPath ? { previousPath: file.previousPath } : {}) };
  const patch = file.patch ?? "";
  if (patch.trim() === "") {
    return { ...base, hunks: [], patchMissing: !hasNothingToShow(file) };
  }
  // GitHub's per-file patch has no headers; parse-diff wants a file header to
  // start a file. CRLF files arrive with "\r" before every "\n": drop it so the
  // "\ No newline" marker is recognised and line texts are clean.
  const normalized = patch.includes("\r\n") ? patch.replace(/\r\n/g, "\n") : patch;
  const [parsed] = parseDiff(`--- a/${file.previousPath ?? file.path}\n+++ b/${file.path}\n${normalized}`);
  const hunks = (parsed?.chunks ?? []).map(toHunk);
  return { ...base, hunks, patchMissing: false };
}

/** A pure rename, copy or mode change has no patch because nothing changed in the text. */
function hasNothingToShow(file: ChangedFile): boolean {
  return file.additions === 0 && file.deletions === 0 && ["renamed", "copied", "changed", "unchanged"].includes(file.status);
}

function toHunk(chunk: parseDiff.Chunk): Hunk {
  const lines: DiffLine[] = [];
  for (const change of chunk.changes) {
    // "\ No newline at end of file" is a marker about the previous line, not a line of the file.
    if (change.content.startsWith("\\")) continue;
    const text = change.content.slice(1);
    if (change.type === "add") lines.push({ kind: "add", newLine: change.ln, text });
    else if (change.type === "del") lines.push({ kind: "del", oldLine: change.ln, text });
    else lines.push({ kind: "context", oldLine: change.ln1, newLine: change.ln2, text });
  }
  return {
    oldStart: chunk.oldStart,
    oldLines: chunk.oldLines,
    newStart: chunk.newStart,
    newLines: chunk.newLines,
    header: chunk.content,
    lines,
  };
}

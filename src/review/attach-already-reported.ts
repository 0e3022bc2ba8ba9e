// Gives each chunk the deterministic findings on its files (the rules', the
// secret detectors'), one compact line each, so the model is told what was
// already said and does not say it again in its own words. The lines use the
// room the chunk's code left under the budget, never more.

import type { ProposedComment } from "../core/comments.js";
import { deriveCommentTitle } from "./derive-comment-title.js";
import { estimateTokens } from "./estimate-tokens.js";
import type { ReviewChunk } from "./types.js";

/** Enough for the model to steer clear of them; more only costs prompt tokens. */
const MAX_LINES_PER_CHUNK = 30;
const TITLE_CHARS = 80;
/** The sentence and block tags around the lines. */
const FRAME_TOKENS = 60;

export function attachAlreadyReported(chunks: ReviewChunk[], findings: ProposedComment[], budgetTokens: number): ReviewChunk[] {
  return chunks.map((chunk) => {
    const paths = new Set(chunk.paths);
    const own = findings.filter((finding) => paths.has(finding.path)).sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
    let room = budgetTokens - chunk.estimatedTokens - FRAME_TOKENS;
    const lines: string[] = [];
    for (const finding of own.slice(0, MAX_LINES_PER_CHUNK)) {
      const line = `${finding.path}:${finding.line} ${finding.source.replace(/^rule:/, "")}: ${deriveCommentTitle(finding.body, TITLE_CHARS)}`;
      const tokens = estimateTokens(`${line}\n`);
      if (tokens > room) break;
      lines.push(line);
      room -= tokens;
    }
    if (lines.length === 0) return chunk;
    if (own.length > lines.length) lines.push(`… and ${own.length - lines.length} more on these files`);
    return { ...chunk, alreadyReported: lines, estimatedTokens: chunk.estimatedTokens + FRAME_TOKENS + estimateTokens(lines.join("\n")) };
  });
}

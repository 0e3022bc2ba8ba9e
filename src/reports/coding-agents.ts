// Which pull requests count as AI-assisted: opened by a bot account (type
// "Bot"), or carrying a Co-authored-by trailer of a coding agent on a commit.

import type { PullRecord } from "./types.js";

/**
 * Co-authored-by values ("Name <email>") that coding agents add to commits.
 * Matched on e-mail addresses or on names no person carries; human first names
 * alone ("Claude", "Devin") are not enough. Extend here, in one place.
 */
export const CODING_AGENT_CO_AUTHOR_PATTERNS: readonly RegExp[] = [
  /noreply@anthropic\.com/i, // Claude Code: "Claude <noreply@anthropic.com>"
  /\bclaude code\b/i,
  /\bcopilot\b/i, // GitHub Copilot coding agent: "Copilot <…+Copilot@users.noreply.github.com>"
  /cursoragent@cursor\.com|\bcursor agent\b/i, // Cursor background agent
  /devin-ai-integration|@devin\.ai\b/i, // Devin
  /\bcodex\b/i, // OpenAI Codex
  /\baider\b|@aider\.chat\b/i, // aider
  /\bopenhands\b|@all-hands\.dev\b/i, // OpenHands
  /google-labs-jules/i, // Jules
  /gemini-code-assist/i,
  /@ampcode\.com\b/i, // Amp
  /\bsweep-ai\b|@sweep\.dev\b/i,
  /\bwindsurf\b|@codeium\.com\b/i,
];

export function isCodingAgentCoAuthor(trailer: string): boolean {
  return CODING_AGENT_CO_AUTHOR_PATTERNS.some((pattern) => pattern.test(trailer));
}

export function isAiAssisted(pull: Pick<PullRecord, "author" | "coAuthors">): boolean {
  return pull.author.type === "Bot" || pull.coAuthors.some(isCodingAgentCoAuthor);
}

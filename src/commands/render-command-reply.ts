// The reply foureyes gives to a comment with slash commands: one reply per
// comment, one paragraph per command that has something to say (the command
// list and this repository's effective config, a pause or resume, an answer
// to a question, a forgotten pattern), or one notice (refused, over the
// limit). Pure, and it never repeats what the person wrote (their text could
// ping or trigger bots); a model's answer arrives here already sanitised.

import type { RepoConfig } from "../config/repo-config.js";
import { countOf } from "../core/count-of.js";
import { ADVISORY_FOOTER } from "../review/render-review.js";

export const COMMAND_REPLY_MARKER = "<!-- foureyes:command-reply -->";

export type CommandReply =
  | { kind: "help" | "unknown"; config: RepoConfig; configError?: string | undefined }
  | { kind: "pull-closed" | "paused" | "resumed" | "answer-unavailable" | "answer-disabled" | "forgotten" | "nothing-to-forget" }
  | { kind: "answer"; text: string }
  | { kind: "refused"; permission: string }
  /** `retryInMs` from `now`: when the window that is full ends. */
  | { kind: "rate-limited"; scope: "pull" | "installation"; retryInMs: number; now: Date };

const COMMANDS = [
  "| command | does |",
  "| --- | --- |",
  "| `/foureyes review` | reviews what changed since foureyes' last review, now |",
  "| `/foureyes full` | reviews the whole pull request again, without repeating what was posted |",
  "| `/foureyes tests` | suggests tests for changed code no test in the pull request exercises (no review comments) |",
  "| `/foureyes pause` / `/foureyes resume` | stops / restarts automatic reviews of this pull request |",
  "| `/foureyes ask` and a question | an advisory answer from the diff and the code it touches |",
  "| `/foureyes forget` | as a reply to a foureyes comment: stops suppressing findings like it |",
  "| `/foureyes help` | this list and this repository's settings |",
].join("\n");

const TEXT: Record<string, string> = {
  "pull-closed": "This pull request is closed, so foureyes does not review it or answer about it. Reopen it and ask again.",
  paused: "Automatic reviews of this pull request are paused. `/foureyes review` still asks for one; `/foureyes resume` restarts them.",
  resumed: "Automatic reviews of this pull request are on again, from the next push.",
  "answer-unavailable": "foureyes' model gave no usable answer to the question. Ask again, perhaps more narrowly.",
  "answer-disabled": "foureyes is switched off in this repository (or its `.github/foureyes.yml` cannot be read), so it does not answer questions here.",
  forgotten: "foureyes forgot what the team's reaction to that comment taught it: findings like it are posted again in this repository.",
  "nothing-to-forget": "foureyes had learned nothing from that comment, so there is nothing to forget. Reply with `/foureyes forget` in the thread of a foureyes comment.",
};

/** One reply for all the commands of a comment; `parts` in the order the commands were written. */
export function renderCommandReply(parts: CommandReply[]): string {
  return [COMMAND_REPLY_MARKER, parts.map(renderPart).join("\n\n"), "", `<sub>${ADVISORY_FOOTER}</sub>`].join("\n");
}

function renderPart(part: CommandReply): string {
  switch (part.kind) {
    case "help":
    case "unknown":
      return renderCommandList(part);
    case "answer":
      return `**Advisory answer** (from the diff; not a sign-off):\n\n${part.text}`;
    case "refused":
      return "These commands need write access to the repository, so foureyes did nothing. `/foureyes help` works for everyone.";
    case "rate-limited":
      return rateLimitText(part);
    default:
      return TEXT[part.kind] ?? "";
  }
}

function renderCommandList(part: Extract<CommandReply, { kind: "help" | "unknown" }>): string {
  const opening = part.kind === "help" ? "foureyes commands, for a comment on a pull request or a reply in a review thread:" : "foureyes does not know that command. It knows:";
  const config = JSON.stringify(part.config, null, 2);
  const fence = "`".repeat(Math.max(3, ...[...config.matchAll(/`+/g)].map(([run]) => run.length + 1)));
  const problems = part.configError ? `\n\nSettings ignored: the file had problems, and defaults apply to those keys.` : "";
  return [
    opening,
    "",
    COMMANDS,
    "",
    "Everything but `/foureyes help` needs write access.",
    "",
    `This repository's effective settings (\`.github/foureyes.yml\` on the default branch, defaults filled in):${problems}`,
    "",
    `${fence}json`,
    config,
    fence,
  ].join("\n");
}

function rateLimitText({ scope, retryInMs, now }: Extract<CommandReply, { kind: "rate-limited" }>): string {
  const where = scope === "pull" ? "in this pull request" : "in this installation's repositories";
  const minutes = Math.max(1, Math.ceil(retryInMs / 60_000));
  const time = new Date(now.getTime() + retryInMs).toISOString().slice(11, 16);
  return (
    `foureyes has taken as many commands ${where} as it takes for now. ` +
    `Ask again in about ${countOf(minutes, "minute")} (after ${time} UTC); until then further commands get no answer.`
  );
}

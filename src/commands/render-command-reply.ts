// The replies foureyes gives in a pull request's conversation: the command
// list (for `/foureyes help` and unknown commands), why a command on a closed
// pull request does nothing, and when to try again after too many commands.
// Pure, and it never repeats what the person wrote (their text could ping or
// trigger bots).

import { ADVISORY_FOOTER } from "../review/render-review.js";

export const COMMAND_REPLY_MARKER = "<!-- foureyes:command-reply -->";

export type CommandReply =
  | "help"
  | "unknown"
  | "pull-closed"
  /** `retryInMs` from `now`: when the window that is full ends. */
  | { kind: "rate-limited"; scope: "pull" | "installation"; retryInMs: number; now: Date };

export function renderCommandReply(reply: CommandReply): string {
  if (reply === "pull-closed") return renderNotice("This pull request is closed, so foureyes does not review it. Reopen it and ask again.");
  if (typeof reply === "object") return renderNotice(rateLimitText(reply));
  const opening = reply === "help" ? "foureyes commands, for a comment on a pull request:" : "foureyes does not know that command. It knows:";
  return [
    COMMAND_REPLY_MARKER,
    opening,
    "",
    "- `/foureyes review` posts a fresh advisory review of the current head commit (needs write access).",
    "- `/foureyes help` shows this list.",
    "",
    `<sub>${ADVISORY_FOOTER}</sub>`,
  ].join("\n");
}

function renderNotice(text: string): string {
  return [COMMAND_REPLY_MARKER, text, "", `<sub>${ADVISORY_FOOTER}</sub>`].join("\n");
}

function rateLimitText({ scope, retryInMs, now }: Extract<CommandReply, { kind: "rate-limited" }>): string {
  const where = scope === "pull" ? "in this pull request" : "in this installation's repositories";
  const minutes = Math.max(1, Math.ceil(retryInMs / 60_000));
  const time = new Date(now.getTime() + retryInMs).toISOString().slice(11, 16);
  return (
    `foureyes has taken as many commands ${where} as it takes for now. ` +
    `Ask again in about ${minutes} minute${minutes === 1 ? "" : "s"} (after ${time} UTC); until then further commands get no answer.`
  );
}

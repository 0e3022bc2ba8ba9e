// The one reply foureyes gives to `/foureyes help` and to a command it does
// not know: the command list and the advisory-only reminder. Pure, and it
// never repeats what the person wrote (their text could ping or trigger bots).

import { ADVISORY_FOOTER } from "../review/render-review.js";

export const COMMAND_REPLY_MARKER = "<!-- foureyes:command-reply -->";

export function renderCommandReply(kind: "help" | "unknown"): string {
  const opening = kind === "help" ? "foureyes commands, for a comment on a pull request:" : "foureyes does not know that command. It knows:";
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

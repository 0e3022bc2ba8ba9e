// The reply to a comment's commands: the command list with the effective settings, the advisory reminder, nothing a bot would act on.

import { describe, expect, it } from "vitest";

import { parseCommands } from "../../src/commands/parse-command.js";
import { COMMAND_REPLY_MARKER, renderCommandReply } from "../../src/commands/render-command-reply.js";
import { DEFAULT_REPO_CONFIG } from "../../src/config/repo-config.js";

describe("renderCommandReply", () => {
  it.each(["help", "unknown"] as const)("%s: lists the commands and the effective settings, and says the review is advisory", (kind) => {
    const body = renderCommandReply([{ kind, config: { ...DEFAULT_REPO_CONFIG, instructions: "ping @team ``` done" } }]);
    expect(body).toContain(COMMAND_REPLY_MARKER);
    for (const command of ["review", "full", "tests", "pause", "resume", "ask", "forget", "help"]) expect(body).toContain(`\`/foureyes ${command}\``);
    expect(body).toMatch(/Advisory only/);
    expect(body).toContain('"maxComments": 10');
    // The settings sit in a code block whose fence their own backticks cannot close: the mention stays text.
    expect(body).toMatch(/````json\n[\s\S]*ping @team ``` done[\s\S]*\n````/);
    // The reply must not read as a command itself.
    expect(parseCommands(body)).toEqual([]);
  });

  it("says when the command was not known", () => {
    expect(renderCommandReply([{ kind: "unknown", config: DEFAULT_REPO_CONFIG }])).toMatch(/does not know that command/);
    expect(renderCommandReply([{ kind: "help", config: DEFAULT_REPO_CONFIG }])).not.toMatch(/does not know/);
  });

  it("answers several commands in one reply, in order", () => {
    const body = renderCommandReply([{ kind: "paused" }, { kind: "answer", text: "It does not." }]);
    expect(body.indexOf("paused")).toBeLessThan(body.indexOf("It does not."));
    expect(body.match(new RegExp(COMMAND_REPLY_MARKER, "g"))).toHaveLength(1);
  });
});

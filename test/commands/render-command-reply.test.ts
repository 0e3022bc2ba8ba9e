// The help reply: the command list, the advisory reminder, nothing a bot would act on.

import { describe, expect, it } from "vitest";

import { parseCommand } from "../../src/commands/parse-command.js";
import { COMMAND_REPLY_MARKER, renderCommandReply } from "../../src/commands/render-command-reply.js";

describe("renderCommandReply", () => {
  it.each(["help", "unknown"] as const)("%s: lists both commands and says the review is advisory", (kind) => {
    const body = renderCommandReply(kind);
    expect(body).toContain(COMMAND_REPLY_MARKER);
    expect(body).toContain("`/foureyes review`");
    expect(body).toContain("`/foureyes help`");
    expect(body).toMatch(/Advisory only/);
    expect(body).not.toContain("@");
    // The reply must not read as a command itself.
    expect(parseCommand(body)).toBeNull();
  });

  it("says when the command was not known", () => {
    expect(renderCommandReply("unknown")).toMatch(/does not know that command/);
    expect(renderCommandReply("help")).not.toMatch(/does not know/);
  });
});

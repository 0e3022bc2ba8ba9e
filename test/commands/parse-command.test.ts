// Slash-command parsing: where a command counts, and where it is only quoted or shown.

import { describe, expect, it } from "vitest";

import { parseCommands } from "../../src/commands/parse-command.js";

/** The first command of a comment, or null (most cases here hold one). */
const parseCommand = (body: string) => parseCommands(body)[0] ?? null;

describe("parseCommand", () => {
  it.each([
    ["/foureyes review", { name: "review" }],
    ["/FourEyes Review", { name: "review" }],
    ["   /foureyes review please", { name: "review" }],
    ["/foureyes help", { name: "help" }],
    ["/foureyes", { name: "help" }],
    ["/foureyes   ", { name: "help" }],
    ["/foureyes approve", { name: "unknown", text: "approve" }],
    ["/foureyes merge now", { name: "unknown", text: "merge now" }],
  ])("%j → %j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each([
    ["plain conversation", "Looks good to me."],
    ["empty", ""],
    ["mid-line", "Could someone run /foureyes review here?"],
    ["another word starting with foureyes", "/foureyesbot review"],
    ["quoted", "> /foureyes review\n\nWhy did you ask for this?"],
    ["quoted with leading spaces", "  > /foureyes review"],
    ["fenced with backticks", "```\n/foureyes review\n```"],
    ["fenced with tildes", "~~~md\n/foureyes review\n~~~"],
    ["inside an unclosed fence", "```\n/foureyes review"],
    // Commands count only in text a reader sees on the page.
    ["inside an HTML comment", "Thanks!\n\n<!--\n/foureyes review\n-->"],
    ["inside an HTML comment within a paragraph", "Thanks <!--\n/foureyes review\n--> for the fix"],
    ["in an indented code block", "Run this:\n\n    /foureyes review"],
    ["in a <pre> block", "<pre>\n/foureyes review\n</pre>"],
    ["in a collapsed <details> block", "<details>\n\n/foureyes review\n\n</details>"],
    ["in a <details> block with a summary", "<details><summary>more</summary>\n\n/foureyes review\n\n</details>"],
    ["in inline code", "`/foureyes review`"],
    ["in a list item", "- /foureyes review"],
    ["in a heading", "# /foureyes review"],
    ["in a table", "| command |\n| --- |\n| /foureyes review |"],
    ["quoted inside a list", "- > /foureyes review"],
  ])("ignores a command that is %s", (_what, body) => {
    expect(parseCommand(body)).toBeNull();
  });

  it("takes the command on a line after other text, also with CRLF line ends", () => {
    expect(parseCommand("Thanks for the fix.\r\n/foureyes review\r\n")).toEqual({ name: "review" });
    expect(parseCommand("First line\r/foureyes help")).toEqual({ name: "help" });
  });

  it.each([
    ["after an HTML comment", "<!-- a note -->\n\n/foureyes review"],
    ["after a closed <details> block", "<details>\n\nlog\n\n</details>\n\n/foureyes review"],
    ["in bold", "**/foureyes review**"],
    ["after an escaped slash", "\\/foureyes review"],
    ["after a hard line break", "Thanks.\\\n/foureyes review"],
  ])("takes a command a reader sees %s", (_what, body) => {
    expect(parseCommand(body)).toEqual({ name: "review" });
  });

  it("takes every command line, each kind once, in the order written", () => {
    expect(parseCommands("/foureyes help\n/foureyes review")).toEqual([{ name: "help" }, { name: "review" }]);
    expect(parseCommands("/foureyes pause\n\n/foureyes review\n/foureyes pause\n/foureyes ask why?\n/foureyes ask other")).toEqual([
      { name: "pause" },
      { name: "review" },
      { name: "ask", question: "why?" },
    ]);
    expect(parseCommands("> /foureyes pause\n\n/foureyes resume")).toEqual([{ name: "resume" }]);
  });

  it.each([
    ["/foureyes full", { name: "full" }],
    ["/foureyes tests", { name: "tests" }],
    ["/foureyes pause", { name: "pause" }],
    ["/foureyes resume", { name: "resume" }],
    ["/foureyes forget", { name: "forget" }],
    ["/foureyes ask Does this leak the session token?", { name: "ask", question: "Does this leak the session token?" }],
    ["/foureyes ask", { name: "unknown", text: "ask" }],
  ])("%j → %j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it("finds the command after a closed fence, and a shorter fence does not close a longer one", () => {
    expect(parseCommand("```ts\nconst x = 1;\n```\n/foureyes review")).toEqual({ name: "review" });
    expect(parseCommand("````\n```\n/foureyes review\n````")).toBeNull();
    expect(parseCommand("```\n/foureyes help\n```\r\n/foureyes review")).toEqual({ name: "review" });
  });

  it("keeps unknown text bounded", () => {
    const parsed = parseCommand(`/foureyes ${"x".repeat(500)}`);
    expect(parsed).toMatchObject({ name: "unknown" });
    expect(parsed?.name === "unknown" && parsed.text.length).toBe(100);
  });
});

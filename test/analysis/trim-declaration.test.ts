// A declaration trimmed to fit keeps the line with its name, however many
// annotations, attributes or decorators stand above it.

import { describe, expect, it } from "vitest";

import { CONTAINER_LINE_CAP, DECLARATION_LINE_CAP } from "../../src/analysis/trim-declaration.js";
import { analyzeAdded, lineOf } from "../helpers/declarations-of.js";

const body = (count: number, indent: string): string => Array.from({ length: count }, (_, index) => `${indent}step(${index});`).join("\n");

describe("trimming a long declaration", () => {
  it("keeps a Java method's annotations and its signature line", () => {
    const text = `class Jobs {\n  @Scheduled(cron = "0 0 * * *")\n  @Transactional\n  @Timed("nightly")\n  public void nightly() {\n${body(400, "    ")}\n  }\n}\n`;
    const change = lineOf(text, "step(300);");
    const [method] = analyzeAdded("src/main/java/Jobs.java", text, [change]).declarations;
    expect(method).toMatchObject({ name: "nightly", startLine: 2, truncated: true });
    const shown = method?.text.split("\n") ?? [];
    expect(shown.slice(0, 4)).toEqual(['  @Scheduled(cron = "0 0 * * *")', "  @Transactional", '  @Timed("nightly")', "  public void nightly() {"]);
    expect(shown).toContain("    step(300);");
    expect(shown.filter((line) => !line.startsWith("// …")).length).toBeLessThanOrEqual(DECLARATION_LINE_CAP);
  });

  it("keeps a Python function's name line under a tall stack of decorators", () => {
    const decorators = Array.from({ length: 30 }, (_, index) => `@marker_${index}`).join("\n");
    const text = `${decorators}\ndef reconcile(ledger):\n${body(400, "    ")}\n`;
    const change = lineOf(text, "step(350);");
    const [found] = analyzeAdded("bank/reconcile.py", text, [change]).declarations;
    expect(found).toMatchObject({ name: "reconcile", startLine: 1, truncated: true });
    const shown = found?.text.split("\n") ?? [];
    expect(shown[0]).toBe("@marker_0");
    expect(shown).toContain("def reconcile(ledger):");
    expect(shown).toContain("    step(350);");
    expect(shown.filter((line) => !line.startsWith("// …")).length).toBeLessThanOrEqual(DECLARATION_LINE_CAP);
  });

  it("keeps a C# method's attributes and name when the change is right under the signature", () => {
    const text = `public class Jobs\n{\n    [HttpPost]\n    [Authorize(Roles = "teller")]\n    public IActionResult Book()\n    {\n${body(400, "        ")}\n    }\n}\n`;
    const change = lineOf(text, "step(2);");
    const [method] = analyzeAdded("src/Jobs.cs", text, [change]).declarations;
    const shown = method?.text.split("\n") ?? [];
    expect(shown.slice(0, 3)).toEqual(["    [HttpPost]", '    [Authorize(Roles = "teller")]', "    public IActionResult Book()"]);
    expect(shown).toContain("        step(2);");
  });

  it("shows a long type's header and a small window around each change between its members, not the members in between", () => {
    const members = Array.from({ length: 60 }, (_, index) => `    private int field${index};`).join("\n");
    const text = `/** Rates. */\npublic class Rates\n{\n${members}\n\n${members.replace(/field/g, "other")}\n}\n`;
    const first = lineOf(text, "field10;");
    const second = lineOf(text, "other50;");
    const [type] = analyzeAdded("src/Rates.cs", text, [first, second]).declarations;
    expect(type).toMatchObject({ kind: "class", name: "Rates", startLine: 1, truncated: true });
    expect(type?.endLine).toBeGreaterThan(CONTAINER_LINE_CAP);
    const shown = type?.text.split("\n") ?? [];
    expect(shown.slice(0, 2)).toEqual(["/** Rates. */", "public class Rates"]);
    expect(shown).toContain("    private int field10;");
    expect(shown).toContain("    private int other50;");
    expect(shown).not.toContain("    private int field40;");
    expect(shown.filter((line) => line.startsWith("// … lines ")).length).toBe(3);
  });
});

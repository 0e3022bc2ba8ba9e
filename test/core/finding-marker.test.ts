import { describe, expect, it } from "vitest";

import { findingMarker, parseFindingMarker, stripMarkers } from "../../src/core/markers.js";

describe("finding marker", () => {
  it("round-trips a finding's identity through a comment body", () => {
    const identity = { fingerprint: "0123456789abcdef", kind: "function_declaration", rule: "js/eval-call" };
    const body = `Avoid eval.\n\n${findingMarker(identity)}\n<!-- foureyes:comment -->`;
    expect(parseFindingMarker(body)).toEqual(identity);
    expect(stripMarkers(body).trim()).toBe("Avoid eval.");
  });

  it("keeps a kind or rule with spaces or an arrow inside one marker word", () => {
    const marker = findingMarker({ fingerprint: "0123456789abcdef", kind: "", rule: "odd rule -->x" });
    expect(marker).toBe("<!-- foureyes:finding fp=0123456789abcdef kind=- rule=odd_rule_--_x -->");
    expect(parseFindingMarker(marker)).toEqual({ fingerprint: "0123456789abcdef", kind: "-", rule: "odd_rule_--_x" });
  });

  it("finds nothing in a body without a well-formed marker", () => {
    expect(parseFindingMarker("no marker")).toBeNull();
    expect(parseFindingMarker("<!-- foureyes:finding fp=xyz kind=a rule=b -->")).toBeNull();
    expect(parseFindingMarker(null)).toBeNull();
  });
});

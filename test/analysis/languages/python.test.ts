// Python declarations on real-looking code: decorated functions and classes
// (decorator lines kept), methods, nested closures, async functions, lambdas
// bound to names, generics, module constants, and code that does not parse.

import { describe, expect, it } from "vitest";

import { isTestPath, languageForPath } from "../../../src/analysis/languages.js";
import { analyzeAdded, declarationsOf, lineOf } from "../../helpers/declarations-of.js";

const LEDGER = `"""Books transfers."""
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
FEE_RATE = 0.001


@dataclass(frozen=True)
class Transfer(Generic[T]):
    amount: int
    currency: str = "EUR"

    @property
    def fee(self) -> int:
        def rounded(value):
            return round(value)

        return rounded(self.amount * FEE_RATE)

    def _audit(self):
        log.info("audited %s", self)


@app.route("/transfers", methods=["POST"])
@requires_role("teller")
async def create_transfer(request):
    body = await request.json()
    return Transfer(**body)


normalise = lambda text: text.strip().upper()


class _Cache:
    def get(self, key):
        return self.entries[key]
`;

const PATH = "bank/ledger.py";
const at = (needle: string): number => lineOf(LEDGER, needle);

describe("Python declarations", () => {
  it("reads .py and .pyi with the Python grammar, cleanly", () => {
    expect([languageForPath(PATH), languageForPath("bank/ledger.pyi")]).toEqual(["python", "python"]);
    expect(analyzeAdded(PATH, LEDGER, [at("currency: str")]).hasSyntaxErrors).toBe(false);
  });

  it("keeps the decorator lines of a decorated async function", () => {
    const [handler] = analyzeAdded(PATH, LEDGER, [at("await request.json()")]).declarations;
    expect(handler).toMatchObject({ kind: "function", name: "create_transfer", startLine: at("@app.route"), endLine: at("return Transfer(**body)"), exported: true });
    expect(handler?.text.split("\n").slice(0, 3)).toEqual(['@app.route("/transfers", methods=["POST"])', '@requires_role("teller")', "async def create_transfer(request):"]);
  });

  it("finds a decorated method and a closure inside it", () => {
    expect(declarationsOf(PATH, LEDGER, [at("return round(value)"), at("return rounded(self")])).toEqual([
      `method fee ${at("@property")}-${at("return rounded(self")} exported`,
      `function rounded ${at("def rounded")}-${at("return round(value)")}`,
    ]);
  });

  it("says a leading underscore is not exported, for a method and for the members of a private class", () => {
    expect(declarationsOf(PATH, LEDGER, [at("audited %s"), at("return self.entries")])).toEqual([
      `method _audit ${at("def _audit")}-${at("audited %s")}`,
      `method get ${at("def get(self, key)")}-${at("return self.entries")}`,
    ]);
  });

  it("gives the decorated generic class for a change between members, and finds lambdas and module constants", () => {
    expect(declarationsOf(PATH, LEDGER, [at("currency: str")])).toEqual([`class Transfer ${at("@dataclass")}-${at("audited %s")} exported`]);
    expect(declarationsOf(PATH, LEDGER, [at("FEE_RATE = "), at("normalise = lambda")])).toEqual([
      `const FEE_RATE ${at("FEE_RATE = ")}-${at("FEE_RATE = ")} exported`,
      `lambda normalise ${at("normalise = lambda")}-${at("normalise = lambda")} exported`,
    ]);
  });

  it("falls back to the part that did not parse rather than to nothing", () => {
    const broken = `limits = [100, 200\nceiling = 300\nprint(ceiling)\n`;
    const analysis = analyzeAdded("bank/limits.py", broken, [2]);
    expect(analysis.hasSyntaxErrors).toBe(true);
    expect(analysis.declarations).toMatchObject([{ kind: "unparsed", startLine: 1, endLine: 2, text: "limits = [100, 200\nceiling = 300", exported: false }]);
  });
});

describe("Python test files (pytest, unittest)", () => {
  it.each([
    ["tests/test_ledger.py", true],
    ["bank/tests/helpers.py", true],
    ["bank/ledger_test.py", true],
    ["bank/test_ledger.py", true],
    ["conftest.py", true],
    ["bank/ledger.py", false],
    ["bank/contest.py", false],
  ])("%s holds tests: %s", (path, expected) => {
    expect(isTestPath(path)).toBe(expected);
  });
});

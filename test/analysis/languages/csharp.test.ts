// C# declarations on real-looking code: attributes, partial classes,
// extension methods, properties, records and structs, local functions,
// lambdas bound to names, generics with constraints, file-scoped namespaces.

import { describe, expect, it } from "vitest";

import { isTestPath, languageForPath } from "../../../src/analysis/languages.js";
import { analyzeAdded, declarationsOf, lineOf } from "../../helpers/declarations-of.js";

const VALIDATOR = `namespace Bank.Payments;

using System;

/// <summary>Validates transfers before booking.</summary>
[Serializable]
[DebuggerDisplay("{Name}")]
public partial class TransferValidator<T> : AbstractValidator<T> where T : Transfer
{
    private readonly ILedger _ledger;

    public TransferValidator(ILedger ledger)
    {
        _ledger = ledger;
    }

    public string Name { get; init; } = "transfer";

    public decimal Limit
    {
        get { return _ledger.Limit; }
    }

    [Obsolete("use ValidateAsync")]
    public bool Validate(T transfer)
    {
        bool InRange(decimal amount)
        {
            return amount <= Limit;
        }
        Func<T, bool> sameBank = t => t.From.Bank == t.To.Bank;
        return InRange(transfer.Amount) && sameBank(transfer);
    }

    internal record Result(bool Ok, string Reason);

    private struct Window
    {
        public int Days() { return 7; }
    }
}

public static class MoneyExtensions
{
    public static decimal Rounded(this decimal value)
    {
        return Math.Round(value, 2);
    }
}

public interface ILedger
{
    decimal Limit { get; }
}
`;

const PATH = "src/Bank.Payments/TransferValidator.cs";
const at = (needle: string): number => lineOf(VALIDATOR, needle);

describe("C# declarations", () => {
  it("reads .cs with the C# grammar, cleanly", () => {
    expect(languageForPath(PATH)).toBe("csharp");
    expect(analyzeAdded(PATH, VALIDATOR, [at("_ledger = ledger")]).hasSyntaxErrors).toBe(false);
  });

  it("finds constructors and properties (auto and with accessors)", () => {
    expect(declarationsOf(PATH, VALIDATOR, [at("_ledger = ledger"), at("public string Name"), at("get { return")])).toEqual([
      `constructor TransferValidator ${at("public TransferValidator(")}-${at("_ledger = ledger") + 1} exported`,
      `property Name ${at("public string Name")}-${at("public string Name")} exported`,
      `property Limit ${at("public decimal Limit")}-${at("get { return") + 1} exported`,
    ]);
  });

  it("keeps a method's attribute in its span, and finds local functions and bound lambdas inside it", () => {
    const [method] = analyzeAdded(PATH, VALIDATOR, [at("return InRange")]).declarations;
    expect(method).toMatchObject({ kind: "method", name: "Validate", startLine: at("[Obsolete"), exported: true });
    expect(declarationsOf(PATH, VALIDATOR, [at("return amount <= Limit"), at("t.From.Bank")])).toEqual([
      `function InRange ${at("bool InRange")}-${at("return amount <= Limit") + 1}`,
      `lambda sameBank ${at("t.From.Bank")}-${at("t.From.Bank")}`,
    ]);
  });

  it("gives the partial generic class, with its attributes, for a change between members", () => {
    expect(declarationsOf(PATH, VALIDATOR, [at("private readonly ILedger")])).toEqual([`class TransferValidator ${at("/// <summary>")}-${at("public static class") - 2} exported`]);
  });

  it("finds records, members of private structs (not exported), extension methods and interface members", () => {
    expect(declarationsOf(PATH, VALIDATOR, [at("internal record"), at("return 7;"), at("Math.Round"), at("decimal Limit { get; }")])).toEqual([
      `record Result ${at("internal record")}-${at("internal record")}`,
      `method Days ${at("return 7;")}-${at("return 7;")}`,
      `method Rounded ${at("public static decimal Rounded")}-${at("Math.Round") + 1} exported`,
      `property Limit ${at("decimal Limit { get; }")}-${at("decimal Limit { get; }")} exported`,
    ]);
  });

  it("falls back to the nearest part that parsed where the grammar fails, never to nothing", () => {
    const broken = `public class Rates\n{\n    public int[] Tiers() => [1, 2, ..rest];\n    public void Apply()\n    {\n        var x = (1 +;\n    }\n}\n`;
    const analysis = analyzeAdded("src/Rates.cs", broken, [6]);
    expect(analysis.hasSyntaxErrors).toBe(true);
    expect(analysis.declarations.map((found) => `${found.kind} ${found.name}`)).toEqual(["method Apply"]);
  });
});

describe("C# test files (xUnit, NUnit, MSTest)", () => {
  it.each([
    ["src/Bank.Payments.Tests/TransferValidatorTests.cs", true],
    ["src/Bank.Payments.Tests/Fixtures/Builders.cs", true],
    ["src/Bank.Payments.UnitTests/Builders.cs", true],
    ["src/Bank.Payments/TransferValidatorTest.cs", true],
    ["src/Bank.Payments/TransferValidator.cs", false],
    ["src/Bank.Payments/Contest.cs", false],
  ])("%s holds tests: %s", (path, expected) => {
    expect(isTestPath(path)).toBe(expected);
  });
});

// Java declarations on real-looking code: annotated Spring-style services,
// nested and generic classes, records, enums, annotation types and lambdas.

import { describe, expect, it } from "vitest";

import { isTestPath, languageForPath } from "../../../src/analysis/languages.js";
import { analyzeAdded, declarationsOf, lineOf } from "../../helpers/declarations-of.js";

const SERVICE = `package com.bank.payments;

import java.util.function.Function;

/**
 * Books transfers between accounts.
 */
@Service
@Transactional(readOnly = false)
public class TransferService<T extends Account> {
  private final Ledger ledger;

  @Autowired
  public TransferService(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  @Timed("transfer")
  public Receipt transfer(T from, T to, Money amount) {
    Function<Money, Money> withFee = value -> {
      return value.plus(fee(value));
    };
    return ledger.book(from, to, withFee.apply(amount));
  }

  private Money fee(Money amount) {
    return amount.times(0.001);
  }

  static class Retry {
    void run(Runnable task) {
      task.run();
    }
  }

  public record Receipt(String id, Money amount) {
    public Receipt {
      requireNonNull(id);
    }
  }

  enum Status {
    BOOKED,
    REJECTED;

    boolean isFinal() {
      return true;
    }
  }

  @interface Audited {
    String value();
  }
}
`;

const PATH = "src/main/java/com/bank/payments/TransferService.java";
const at = (needle: string): number => lineOf(SERVICE, needle);

describe("Java declarations", () => {
  it("reads .java with the Java grammar, cleanly", () => {
    expect(languageForPath(PATH)).toBe("java");
    expect(analyzeAdded(PATH, SERVICE, [at("this.ledger = ledger")]).hasSyntaxErrors).toBe(false);
  });

  it("gives the constructor with its annotation, and says it is public", () => {
    expect(declarationsOf(PATH, SERVICE, [at("this.ledger = ledger")])).toEqual([`constructor TransferService ${at("@Autowired")}-${at("this.ledger") + 1} exported`]);
  });

  it("keeps a method's annotations in its text", () => {
    const [method] = analyzeAdded(PATH, SERVICE, [at("return ledger.book")]).declarations;
    expect(method).toMatchObject({ kind: "method", name: "transfer", startLine: at("@Override"), exported: true });
    expect(method?.text.split("\n").slice(0, 3)).toEqual(["  @Override", '  @Timed("transfer")', "  public Receipt transfer(T from, T to, Money amount) {"]);
  });

  it("finds a lambda bound to a local as the innermost declaration", () => {
    expect(declarationsOf(PATH, SERVICE, [at("value.plus(fee(value))")])).toEqual([`lambda withFee ${at("Function<Money, Money>")}-${at("value.plus") + 1}`]);
  });

  it("says a private method is not exported", () => {
    expect(declarationsOf(PATH, SERVICE, [at("amount.times")])).toEqual([`method fee ${at("private Money fee")}-${at("amount.times") + 1}`]);
  });

  it("finds methods of nested classes, records (compact constructors), enums and annotation types", () => {
    expect(declarationsOf(PATH, SERVICE, [at("task.run()"), at("requireNonNull(id)"), at("return true;"), at("String value();")])).toEqual([
      `method run ${at("void run(")}-${at("task.run()") + 1}`,
      `constructor Receipt ${at("public Receipt {")}-${at("requireNonNull(id)") + 1} exported`,
      `method isFinal ${at("boolean isFinal")}-${at("return true;") + 1}`,
      `annotation Audited ${at("@interface Audited")}-${at("String value();") + 1}`,
    ]);
  });

  it("gives the generic class, with its annotations, for a change between members", () => {
    const classLines = `class TransferService ${at("/**")}-${SERVICE.trimEnd().split("\n").length} exported`;
    expect(declarationsOf(PATH, SERVICE, [at("private final Ledger")])).toEqual([classLines]);
  });

  it("names an enum constant change by its enum, and a record header by its record", () => {
    expect(declarationsOf(PATH, SERVICE, [at("REJECTED;")])).toEqual([`enum Status ${at("enum Status")}-${at("@interface Audited") - 2}`]);
    expect(declarationsOf(PATH, SERVICE, [at("public record Receipt")])).toEqual([`record Receipt ${at("public record Receipt")}-${at("requireNonNull(id)") + 2} exported`]);
  });
});

describe("Java test files (JUnit)", () => {
  it.each([
    ["src/test/java/com/bank/TransferServiceTest.java", true],
    ["payments/src/test/java/com/bank/Fixtures.java", true],
    ["src/main/java/com/bank/TransferServiceTests.java", true],
    ["src/main/java/com/bank/LedgerIT.java", true],
    ["src/main/java/com/bank/TransferService.java", false],
    ["src/main/java/com/bank/Contest.java", false],
  ])("%s holds tests: %s", (path, expected) => {
    expect(isTestPath(path)).toBe(expected);
  });
});

describe("Java doc comments", () => {
  it("gives the method, Javadoc included, for a change in its Javadoc, not the class around it", () => {
    const text = `public class Spec {\n  private int count;\n\n  /**\n   * Returns the count.\n   */\n  public int count() {\n    return count;\n  }\n}\n`;
    expect(declarationsOf("src/main/java/Spec.java", text, [5])).toEqual(["method count 4-9 exported"]);
    // A trailing comment on a field's line is the field's, not the next method's.
    const trailing = `public class Spec {\n  private int count; // how many\n  public int count() {\n    return count;\n  }\n}\n`;
    expect(declarationsOf("src/main/java/Spec.java", trailing, [4])).toEqual(["method count 3-5 exported"]);
  });
});

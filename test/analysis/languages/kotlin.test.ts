// Kotlin declarations on real-looking code: annotated data classes, secondary
// constructors and init blocks, companions and objects, extension functions,
// generics, lambdas bound to names, and the grammar's gaps.

import { describe, expect, it } from "vitest";

import { isTestPath, languageForPath } from "../../../src/analysis/languages.js";
import { analyzeAdded, declarationsOf, lineOf } from "../../helpers/declarations-of.js";

const ACCOUNT = `package com.bank.accounts

/** An account as the ledger sees it. */
@JsonClass(generateAdapter = true)
class Account<C : Currency>(val iban: String, val currency: C) : Entity() {
  constructor(iban: String) : this(iban, Currency.EUR) {
    log.info("defaulted currency")
  }

  init {
    require(iban.isNotBlank())
  }

  val masked: String
    get() = iban.takeLast(4)

  private fun checksum(): Int {
    val weigh = { digit: Int -> digit * 7 }
    return iban.sumOf { weigh(it.code) }
  }

  companion object {
    fun parse(text: String): Account<Currency> {
      return Account(text)
    }
  }

  internal data class Snapshot(val balance: Long) {
    fun isEmpty(): Boolean {
      return balance == 0L
    }
  }
}

fun <C : Currency> Account<C>.describe(): String {
  return "$iban in $currency"
}

object Registry {
  fun register(account: Account<*>) {
    accounts += account
  }
}

interface Ledger {
  fun book(amount: Long)
}

enum class Kind {
  CHECKING,
  SAVINGS;
}

val defaultKind: () -> Kind = { Kind.CHECKING }
`;

const PATH = "accounts/src/main/kotlin/com/bank/accounts/Account.kt";
const at = (needle: string): number => lineOf(ACCOUNT, needle);

describe("Kotlin declarations", () => {
  it("reads .kt and .kts with the Kotlin grammar, cleanly", () => {
    expect([languageForPath(PATH), languageForPath("build.gradle.kts")]).toEqual(["kotlin", "kotlin"]);
    expect(analyzeAdded(PATH, ACCOUNT, [at("require(iban")]).hasSyntaxErrors).toBe(false);
  });

  it("finds secondary constructors and init blocks", () => {
    expect(declarationsOf(PATH, ACCOUNT, [at('log.info("defaulted'), at("require(iban")])).toEqual([
      `constructor constructor ${at("constructor(iban")}-${at('log.info("defaulted') + 1} exported`,
      `constructor init ${at("init {")}-${at("require(iban") + 1}`,
    ]);
  });

  it("finds a property with a getter, and a lambda bound to a local inside a private function", () => {
    expect(declarationsOf(PATH, ACCOUNT, [at("get() = iban"), at("digit * 7"), at("return iban.sumOf")])).toEqual([
      `property masked ${at("val masked")}-${at("get() = iban")} exported`,
      `method checksum ${at("private fun checksum")}-${at("return iban.sumOf") + 1}`,
      `lambda weigh ${at("digit * 7")}-${at("digit * 7")}`,
    ]);
  });

  it("finds functions of companions and nested data classes, with internal not exported", () => {
    expect(declarationsOf(PATH, ACCOUNT, [at("return Account(text)"), at("return balance == 0L")])).toEqual([
      `method parse ${at("fun parse(")}-${at("return Account(text)") + 1} exported`,
      `method isEmpty ${at("fun isEmpty")}-${at("return balance == 0L") + 1}`,
    ]);
    expect(declarationsOf(PATH, ACCOUNT, [at("internal data class")])).toEqual([`class Snapshot ${at("internal data class")}-${at("return balance == 0L") + 2}`]);
  });

  it("gives the annotated generic class for a change between members, with its annotation", () => {
    const [account] = analyzeAdded(PATH, ACCOUNT, [at("val masked") - 1]).declarations;
    expect(account).toMatchObject({ kind: "class", name: "Account", startLine: at("/** An account"), exported: true });
  });

  it("finds extension functions, objects, interfaces, enum classes and top-level lambdas", () => {
    expect(declarationsOf(PATH, ACCOUNT, [at('return "$iban'), at("accounts += account"), at("fun book"), at("SAVINGS;"), at("Kind.CHECKING }")])).toEqual([
      `function describe ${at("fun <C : Currency>")}-${at('return "$iban') + 1} exported`,
      `method register ${at("fun register")}-${at("accounts += account") + 1} exported`,
      `method book ${at("fun book")}-${at("fun book")} exported`,
      `enum Kind ${at("enum class Kind")}-${at("SAVINGS;") + 1} exported`,
      `lambda defaultKind ${at("val defaultKind")}-${at("val defaultKind")} exported`,
    ]);
    expect(declarationsOf(PATH, ACCOUNT, [at("interface Ledger")])).toEqual([`interface Ledger ${at("interface Ledger")}-${at("fun book") + 1} exported`]);
  });

  it("falls back to the nearest part that parsed where the grammar fails, never to nothing", () => {
    // The grammar cannot read a one-line companion body; the class around it is lost.
    const broken = `class Money(val cents: Long) {\n  companion object Factory { fun zero() = Money(0) }\n  val euros: Long\n    get() = cents / 100\n  fun plus(other: Money) = Money(cents + other.cents)\n}\n`;
    const analysis = analyzeAdded("src/Money.kt", broken, [2, 3, 5]);
    expect(analysis.hasSyntaxErrors).toBe(true);
    expect(analysis.declarations.map((found) => `${found.kind} ${found.name} ${found.startLine}-${found.endLine}`)).toEqual([
      "object Factory 2-2",
      "property euros 3-4",
      "method plus 5-5",
    ]);
  });
});

describe("Kotlin test files (JUnit, Kotest)", () => {
  it.each([
    ["src/test/kotlin/com/bank/AccountTest.kt", true],
    ["moshi/src/jvmTest/kotlin/JsonTest.kt", true],
    ["src/main/kotlin/com/bank/AccountSpec.kt", true],
    ["src/main/kotlin/com/bank/AccountTests.kt", true],
    ["src/main/kotlin/com/bank/Account.kt", false],
    ["src/main/kotlin/com/bank/Latest.kt", false],
  ])("%s holds tests: %s", (path, expected) => {
    expect(isTestPath(path)).toBe(expected);
  });
});

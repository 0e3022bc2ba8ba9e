// Test-gap detection in Python, Go, Java, Kotlin and C#, each by its own
// conventions: Python imports the dotted module (absolute or relative), Go
// tests share the package's folder, Java and Kotlin share the package or
// import the class, C# shares or nests in the namespace or has a `using`.

import { describe, expect, it } from "vitest";

import { gapsOf } from "./gaps-of.js";

const PY = `class Ledger:
    def post(self, amount):
        return amount

    def _audit(self):
        return None


def add(a, b):
    return a + b


def subtract(a, b):
    return a - b
`;

describe("findTestGaps on Python", () => {
  const source = { path: "src/pay/money.py", text: PY, changed: ["return amount", "return None", "return a + b", "return a - b"] };
  const gaps = (testPath: string, text: string, tree?: string[] | null) => gapsOf([source, { path: testPath, text }], tree === undefined ? null : tree);

  it("links `from pkg.module import name` and `import pkg.module`, and leaves private methods out", () => {
    expect(gaps("tests/test_money.py", "from pay.money import add\n\ndef test_add():\n    assert add(1, 2) == 3\n")).toEqual([
      "src/pay/money.py Ledger.post: untested | tests/test_money.py",
      "src/pay/money.py add: touched by tests/test_money.py | tests/test_money.py",
      "src/pay/money.py subtract: untested | tests/test_money.py",
    ]);
    expect(gaps("tests/test_ledger.py", "import pay.money\n\ndef test_post():\n    pay.money.Ledger().post(1)\n")).toContain(
      "src/pay/money.py Ledger.post: touched by tests/test_ledger.py | tests/test_ledger.py",
    );
  });

  it("links `from pkg import module` and relative imports, not a module of the same name elsewhere", () => {
    expect(gaps("tests/test_sub.py", "from pay import money\n\ndef test_sub():\n    money.subtract(2, 1)\n")).toContain(
      "src/pay/money.py subtract: touched by tests/test_sub.py | tests/test_sub.py",
    );
    expect(gaps("src/pay/test_money.py", "from .money import subtract\n\nsubtract(2, 1)\n")).toContain(
      "src/pay/money.py subtract: touched by src/pay/test_money.py | src/pay/test_money.py",
    );
    expect(gaps("tests/test_sub.py", "from billing.money import subtract\n\nsubtract(2, 1)\n")).toContain("src/pay/money.py subtract: untested | no test file");
  });

  it("finds test_<module>.py or <module>_test.py in the tree", () => {
    expect(gapsOf([source], ["src/pay/money.py", "tests/pay/test_money.py", "tests/test_moneybox.py"])[0]).toBe(
      "src/pay/money.py Ledger.post: untested | tests/pay/test_money.py",
    );
    expect(gapsOf([source], ["src/pay/money.py", "src/pay/money_test.py"])[0]).toBe("src/pay/money.py Ledger.post: untested | src/pay/money_test.py");
  });
});

const GO = `package money

type Ledger struct{ total int64 }

func (l *Ledger) Post(amount int64) {
	l.total += amount
}

func Add(a, b int64) int64 {
	return a + b
}

func subtract(a, b int64) int64 {
	return a - b
}
`;

describe("findTestGaps on Go", () => {
  const source = { path: "pkg/money/money.go", text: GO, changed: ["l.total += amount", "return a + b", "return a - b"] };

  it("links a _test.go in the same folder by name, and a test elsewhere only by importing the package", () => {
    const beside = { path: "pkg/money/money_test.go", text: "package money\n\nfunc TestAdd(t *testing.T) {\n\tif Add(1, 2) != 3 {\n\t\tt.Fail()\n\t}\n}\n" };
    expect(gapsOf([source, beside])).toEqual(["pkg/money/money.go Ledger.Post: untested | pkg/money/money_test.go", "pkg/money/money.go Add: touched by pkg/money/money_test.go | pkg/money/money_test.go"]);
    const elsewhere = { path: "internal/e2e/pay_test.go", text: 'package e2e\n\nimport "example.com/bank/pkg/money"\n\nfunc TestPost(t *testing.T) {\n\tvar l money.Ledger\n\tl.Post(1)\n}\n' };
    expect(gapsOf([source, elsewhere], null)[0]).toBe("pkg/money/money.go Ledger.Post: touched by internal/e2e/pay_test.go | internal/e2e/pay_test.go");
    const unrelated = { path: "pkg/other/other_test.go", text: "package other\n\nfunc TestAdd(t *testing.T) { Add(1, 2) }\n" };
    expect(gapsOf([source, unrelated], null)[1]).toBe("pkg/money/money.go Add: untested | no test file");
  });

  it("takes any _test.go beside the file as the package's test file, the file's own first", () => {
    expect(gapsOf([source], ["pkg/money/money.go", "pkg/money/ledger_test.go"])[0]).toBe("pkg/money/money.go Ledger.Post: untested | pkg/money/ledger_test.go");
    expect(gapsOf([source], ["pkg/money/ledger_test.go", "pkg/money/money_test.go"])[0]).toBe("pkg/money/money.go Ledger.Post: untested | pkg/money/money_test.go");
    expect(gapsOf([source], ["pkg/other/money_test.go"])[0]).toBe("pkg/money/money.go Ledger.Post: untested | no test file");
  });
});

const JAVA = `package com.acme.pay;

public class Ledger {
    public long post(long amount) {
        return amount;
    }

    private void audit() {
    }
}
`;

describe("findTestGaps on Java and Kotlin", () => {
  const source = { path: "src/main/java/com/acme/pay/Ledger.java", text: JAVA, changed: ["return amount;"] };
  const testPath = "src/test/java/com/acme/pay/LedgerTest.java";

  it("links a test in the same package, or one that imports the class or its package", () => {
    const same = "package com.acme.pay;\n\nclass LedgerTest {\n    @Test void posts() { new Ledger().post(1); }\n}\n";
    expect(gapsOf([source, { path: testPath, text: same }])).toEqual([`src/main/java/com/acme/pay/Ledger.java Ledger.post: touched by ${testPath} | ${testPath}`]);
    const imported = "package com.acme.e2e;\n\nimport com.acme.pay.Ledger;\n\nclass FlowTest {\n    @Test void flows() { new Ledger().post(1); }\n}\n";
    expect(gapsOf([source, { path: "src/test/java/com/acme/e2e/FlowTest.java", text: imported }], null)[0]).toContain("touched by src/test/java/com/acme/e2e/FlowTest.java");
    const wildcard = imported.replace("com.acme.pay.Ledger;", "com.acme.pay.*;");
    expect(gapsOf([source, { path: "src/test/java/com/acme/e2e/FlowTest.java", text: wildcard }], null)[0]).toContain("touched by");
    const other = imported.replace("com.acme.pay.Ledger;", "com.acme.books.Ledger;");
    expect(gapsOf([source, { path: "src/test/java/com/acme/e2e/FlowTest.java", text: other }], null)[0]).toContain("untested | no test file");
  });

  it("takes a Kotlin test of a Java class, and finds <Class>Test by name", () => {
    const kotlin = "package com.acme.pay\n\nclass LedgerSpec : FunSpec({\n    test(\"posts\") { Ledger().post(1) }\n})\n";
    expect(gapsOf([source, { path: "src/test/kotlin/com/acme/pay/LedgerSpec.kt", text: kotlin }])[0]).toBe(
      "src/main/java/com/acme/pay/Ledger.java Ledger.post: touched by src/test/kotlin/com/acme/pay/LedgerSpec.kt | src/test/kotlin/com/acme/pay/LedgerSpec.kt",
    );
    expect(gapsOf([source], [source.path, "src/test/java/com/acme/pay/LedgerTests.java", "src/test/java/com/acme/pay/LedgerFormatTest.java"])[0]).toBe(
      "src/main/java/com/acme/pay/Ledger.java Ledger.post: untested | src/test/java/com/acme/pay/LedgerTests.java",
    );
  });

  it("counts a nested builder's method as exercised by a test that names the outer class and the method", () => {
    const spec = { path: "src/main/java/com/acme/pay/Spec.java", text: "package com.acme.pay;\n\npublic class Spec {\n    public static class Builder {\n        public Builder name(String name) {\n            return this;\n        }\n    }\n}\n", changed: ["return this;"] };
    const named = { path: "src/test/java/com/acme/pay/SpecTest.java", text: "package com.acme.pay;\n\nclass SpecTest {\n    void builds() { Spec.builder().name(\"x\"); }\n}\n" };
    expect(gapsOf([spec, named])).toEqual([`src/main/java/com/acme/pay/Spec.java Builder.name: touched by ${named.path} | ${named.path}`]);
    const unrelated = { ...named, text: "package com.acme.pay;\n\nclass SpecTest {\n    void builds() { Other.of().name(\"x\"); }\n}\n" };
    expect(gapsOf([spec, unrelated])).toEqual([`src/main/java/com/acme/pay/Spec.java Builder.name: untested | ${named.path}`]);
  });

  it("counts a Kotlin companion member as called on its class", () => {
    const reader = { path: "src/main/kotlin/com/acme/pay/Reader.kt", text: "package com.acme.pay\n\nclass Reader {\n    companion object {\n        fun of(text: String): Reader {\n            return Reader()\n        }\n    }\n}\n", changed: ["return Reader()"] };
    const test = { path: "src/test/kotlin/com/acme/pay/ReaderTest.kt", text: "package com.acme.pay\n\nclass ReaderTest {\n    fun reads() { Reader.of(\"x\") }\n}\n" };
    expect(gapsOf([reader, test])).toEqual([`src/main/kotlin/com/acme/pay/Reader.kt Reader.of: touched by ${test.path} | ${test.path}`]);
  });

  it("links a Kotlin top-level function by its import", () => {
    const fees = { path: "src/main/kotlin/com/acme/pay/Fees.kt", text: "package com.acme.pay\n\nfun fee(amount: Long): Long {\n    return amount / 100\n}\n", changed: ["return amount / 100"] };
    const test = { path: "src/test/kotlin/com/acme/FeesTest.kt", text: "package com.acme\n\nimport com.acme.pay.fee\n\nclass FeesTest {\n    fun fees() { fee(100) }\n}\n" };
    expect(gapsOf([fees, test])).toEqual([`src/main/kotlin/com/acme/pay/Fees.kt fee: touched by ${test.path} | ${test.path}`]);
  });
});

const CSHARP = `namespace Acme.Pay;

public class Ledger
{
    public long Post(long amount)
    {
        return amount;
    }
}
`;

describe("findTestGaps on C#", () => {
  const source = { path: "src/Acme.Pay/Ledger.cs", text: CSHARP, changed: ["return amount;"] };
  const testPath = "tests/Acme.Pay.Tests/LedgerTests.cs";

  it("links a test in a nested namespace or with a using, and finds <Class>Tests by name", () => {
    const nested = "namespace Acme.Pay.Tests;\n\npublic class LedgerTests\n{\n    [Fact] public void Posts() => new Ledger().Post(1);\n}\n";
    expect(gapsOf([source, { path: testPath, text: nested }])).toEqual([`src/Acme.Pay/Ledger.cs Ledger.Post: touched by ${testPath} | ${testPath}`]);
    const using = "using Acme.Pay;\n\nnamespace Other.Tests;\n\npublic class FlowTests\n{\n    [Fact] public void Flows() => new Ledger().Post(1);\n}\n";
    expect(gapsOf([source, { path: "tests/Other.Tests/FlowTests.cs", text: using }], null)[0]).toContain("touched by tests/Other.Tests/FlowTests.cs");
    const unrelated = using.replace("using Acme.Pay;", "using Acme.Books;");
    expect(gapsOf([source, { path: "tests/Other.Tests/FlowTests.cs", text: unrelated }], null)[0]).toContain("untested | no test file");
  });
});

// Go declarations on real-looking code: methods with pointer and generic
// receivers, structs and interfaces, closures bound to names, package-level
// vars and consts, and the capitalised notion of exported.

import { describe, expect, it } from "vitest";

import { isTestPath, languageForPath } from "../../../src/analysis/languages.js";
import { analyzeAdded, declarationsOf, lineOf } from "../../helpers/declarations-of.js";

const LEDGER = `package ledger

import "net/http"

// MaxAmount caps a single transfer.
const MaxAmount = 1_000_000

var defaultFee = func(amount int64) int64 {
	return amount / 1000
}

// Store keeps balances.
type Store[K comparable] struct {
	balances map[K]int64
}

type Booker interface {
	Book(from, to string, amount int64) error
}

// Book moves money between two accounts.
func (s *Store[K]) Book(from, to K, amount int64) error {
	apply := func(key K, delta int64) {
		s.balances[key] += delta
	}
	apply(from, -amount)
	apply(to, amount)
	return nil
}

func (s Store[K]) total() int64 {
	var sum int64
	for _, balance := range s.balances {
		sum += balance
	}
	return sum
}

func Handler(store *Store[string]) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusAccepted)
	}
}
`;

const PATH = "ledger/store.go";
const at = (needle: string): number => lineOf(LEDGER, needle);

describe("Go declarations", () => {
  it("reads .go with the Go grammar, cleanly", () => {
    expect(languageForPath(PATH)).toBe("go");
    expect(analyzeAdded(PATH, LEDGER, [at("return nil")]).hasSyntaxErrors).toBe(false);
  });

  it("names a method by its receiver type, and finds a closure bound inside it", () => {
    expect(declarationsOf(PATH, LEDGER, [at("apply(to, amount)"), at("s.balances[key] += delta")])).toEqual([
      `method Store.Book ${at("// Book moves money")}-${at("return nil") + 1} exported`,
      `lambda apply ${at("apply := func")}-${at("s.balances[key] += delta") + 1}`,
    ]);
  });

  it("says a lower-case method is not exported", () => {
    expect(declarationsOf(PATH, LEDGER, [at("sum += balance")])).toEqual([`method Store.total ${at("func (s Store[K]) total")}-${at("return sum") + 1}`]);
  });

  it("finds generic structs and interfaces with their type keyword, and package-level vars and consts", () => {
    expect(declarationsOf(PATH, LEDGER, [at("balances map"), at("Book(from, to string"), at("const MaxAmount"), at("return amount / 1000")])).toEqual([
      `const MaxAmount ${at("// MaxAmount caps")}-${at("const MaxAmount")} exported`,
      `lambda defaultFee ${at("var defaultFee")}-${at("return amount / 1000") + 1}`,
      `struct Store ${at("// Store keeps")}-${at("balances map") + 1} exported`,
      `interface Booker ${at("type Booker")}-${at("Book(from, to string") + 1} exported`,
    ]);
  });

  it("gives the function for a change in an anonymous handler it returns", () => {
    expect(declarationsOf(PATH, LEDGER, [at("w.WriteHeader")])).toEqual([`function Handler ${at("func Handler")}-${at("w.WriteHeader") + 2} exported`]);
  });
});

describe("Go test files", () => {
  it.each([
    ["ledger/store_test.go", true],
    ["ledger/testdata/golden.go", true],
    ["ledger/store.go", false],
    ["ledger/latest.go", false],
  ])("%s holds tests: %s", (path, expected) => {
    expect(isTestPath(path)).toBe(expected);
  });
});

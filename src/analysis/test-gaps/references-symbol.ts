// Whether a test that can see a module names one of its symbols: the name
// itself (a call, a `new`, a property, a type), and for a member the
// declaration around it too, or one further out (`new Ledger(…).post(…)`,
// `MethodSpec.methodBuilder(…).setName(…)` for `MethodSpec.Builder.setName`). A
// constructor is exercised by naming its class; a JS default export by
// importing it.

import type { ChangedSymbol } from "./list-changed-symbols.js";
import type { CodeFacts } from "./read-code-facts.js";
import type { ModuleImport } from "./read-imports.js";

const CONSTRUCTOR_NAMES = new Set(["constructor", "__init__"]);

export function referencesSymbol(facts: CodeFacts, linking: readonly ModuleImport[], symbol: Pick<ChangedSymbol, "name" | "kind" | "container" | "containers">): boolean {
  if (symbol.name === "default") return linking.some((imported) => imported.wholeModule || imported.names.includes("default"));
  // Go names methods `Receiver.Method`; a test in the package calls them on a value, so the method's name is the reference.
  const name = symbol.name.slice(symbol.name.lastIndexOf(".") + 1);
  if ((symbol.kind === "constructor" || CONSTRUCTOR_NAMES.has(name)) && symbol.container) return facts.mentions(symbol.container);
  return facts.mentions(name) && (symbol.containers.length === 0 || symbol.containers.some((container) => facts.mentions(container)));
}

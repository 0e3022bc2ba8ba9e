// Go: functions, methods (named Receiver.Method), types (structs, interfaces,
// aliases), closures bound to a name, and package-level vars and consts.
// Exported means a capitalised name. Tests sit beside the code in *_test.go;
// testdata/ holds their fixtures.

import type Parser from "tree-sitter";
import Go from "tree-sitter-go";

import type { DeclarationKind } from "../types.js";
import type { DeclarationReader, LanguageFamily } from "./language-family.js";
import { namedDeclaration } from "./named-declaration.js";

type SyntaxNode = Parser.SyntaxNode;

const isCapitalised = (_node: SyntaxNode, name: string): boolean => /^\p{Lu}/u.test(name);

/** `func (s *Server[T]) Serve()` reads as `Server.Serve`. */
function receiverLabel(node: SyntaxNode, name: string): string {
  const receiver = node.childForFieldName("receiver")?.descendantsOfType("type_identifier")[0]?.text;
  return receiver ? `${receiver}.${name}` : name;
}

function typeKind(spec: SyntaxNode): DeclarationKind {
  const type = spec.childForFieldName("type")?.type;
  return type === "struct_type" ? "struct" : type === "interface_type" ? "interface" : "type";
}

/** The `type`/`var`/`const` keyword line belongs to a declaration that is alone in its group. */
function wholeStatement(spec: SyntaxNode): SyntaxNode {
  const parent = spec.parent;
  return parent && parent.namedChildCount === 1 && /_declaration$/.test(parent.type) ? parent : spec;
}

/** `var handler = func() {…}` anywhere it is a spec, and every package-level var or const. */
const valueSpec: DeclarationReader = (spec) => {
  const nameNode = spec.childForFieldName("name");
  if (!nameNode) return null;
  const isClosure = spec.childForFieldName("value")?.namedChildren.some((value) => value.type === "func_literal") ?? false;
  const declaration = spec.parent?.type === "var_spec_list" ? spec.parent.parent : spec.parent;
  if (!isClosure && declaration?.parent?.type !== "source_file") return null;
  return { name: nameNode.text, kind: isClosure ? "lambda" : "const", span: wholeStatement(spec), nameNode, exported: isCapitalised(spec, nameNode.text) };
};

/** `handle := func(w http.ResponseWriter) {…}` inside a function. */
const shortClosure: DeclarationReader = (node) => {
  const nameNode = node.childForFieldName("left")?.namedChildren[0];
  const values = node.childForFieldName("right")?.namedChildren ?? [];
  if (!nameNode || values.length !== 1 || values[0]?.type !== "func_literal") return null;
  return { name: nameNode.text, kind: "lambda", span: node, nameNode, exported: false };
};

export const GO: LanguageFamily = {
  grammars: { go: Go },
  extensions: { ".go": "go" },
  declarations: {
    function_declaration: namedDeclaration("function", isCapitalised),
    method_declaration: namedDeclaration("method", isCapitalised, { label: receiverLabel }),
    type_spec: namedDeclaration("type", isCapitalised, { kind: typeKind, span: wholeStatement }),
    type_alias: namedDeclaration("type", isCapitalised, { span: wholeStatement }),
    var_spec: valueSpec,
    const_spec: valueSpec,
    short_var_declaration: shortClosure,
  },
  isTestPath: (path) => /_test\.go$/.test(path) || /(?:^|\/)testdata\//.test(path),
};

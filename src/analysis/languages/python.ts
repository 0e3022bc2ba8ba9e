// Python: classes, functions and methods (async too), each with its decorator
// lines, lambdas bound to a name, and module-level assignments.
// Exported means a name without a leading underscore.
// Tests follow pytest/unittest: test_*.py, *_test.py, conftest.py, tests/.

import type Parser from "tree-sitter";
import Python from "tree-sitter-python";

import type { DeclarationReader, LanguageFamily } from "./language-family.js";
import { namedDeclaration } from "./named-declaration.js";

type SyntaxNode = Parser.SyntaxNode;

const isPublicName = (_node: SyntaxNode, name: string): boolean => !name.startsWith("_");

/** The decorators belong to the declaration: `@app.route(…)` says as much as the name. */
function withDecorators(node: SyntaxNode): SyntaxNode {
  return node.parent?.type === "decorated_definition" ? node.parent : node;
}

function isInClassBody(node: SyntaxNode): boolean {
  return withDecorators(node).parent?.parent?.type === "class_definition";
}

/** `handler = lambda …` anywhere, and any `NAME = …` at module level. */
const assignment: DeclarationReader = (node) => {
  const nameNode = node.childForFieldName("left");
  const statement = node.parent;
  if (nameNode?.type !== "identifier" || statement?.type !== "expression_statement") return null;
  const isLambda = node.childForFieldName("right")?.type === "lambda";
  if (!isLambda && statement.parent?.type !== "module") return null;
  return { name: nameNode.text, kind: isLambda ? "lambda" : "const", span: statement, nameNode, exported: isPublicName(node, nameNode.text) };
};

export const PYTHON: LanguageFamily = {
  grammars: { python: Python },
  extensions: { ".py": "python", ".pyi": "python" },
  declarations: {
    class_definition: namedDeclaration("class", isPublicName, { span: withDecorators }),
    function_definition: namedDeclaration("function", isPublicName, {
      span: withDecorators,
      kind: (node) => (isInClassBody(node) ? "method" : "function"),
    }),
    assignment,
  },
  isTestPath: (path) => /(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.py$/.test(path) || /(?:^|\/)tests?\//.test(path),
};

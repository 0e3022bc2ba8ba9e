// Where a suggested test belongs, by the repository's own convention: the
// module's existing test file when it has one, else a new file laid out like
// the repository's other tests (beside the module, in a `__tests__` folder,
// under a top-level `test/` tree, Maven's `src/test/`), else the language's
// usual place beside the module.

import type { LanguageName } from "../languages/language-names.js";

export interface TestPathInput {
  /** The module under test. */
  path: string;
  language: LanguageName;
  /** The module's test file at the head, when it has one. */
  existingTest: string | null;
  /** Another test file of the repository, whose place shows the convention. */
  exampleTest: string | null;
}

export function proposeTestPath(input: TestPathInput): string {
  if (input.existingTest) return input.existingTest;
  const { dir, stem, ext } = splitPath(input.path);
  switch (input.language) {
    case "go":
      return join(dir, `${stem}_test.go`);
    case "python":
      return pythonTestPath(dir, stem, input.exampleTest);
    case "java":
    case "kotlin":
      return join(dir.replace(/(^|\/)src\/main\//, "$1src/test/"), `${stem}Test${ext}`);
    case "csharp":
      return join(input.exampleTest ? splitPath(input.exampleTest).dir : dir, `${stem}Tests${ext}`);
    default:
      return scriptTestPath(input.path, input.exampleTest);
  }
}

/** TypeScript and JavaScript: `.test` or `.spec` as the example has it, in the example's kind of place. */
function scriptTestPath(path: string, example: string | null): string {
  const { dir, stem, ext } = splitPath(path);
  const suffix = example && /\.spec\.[^/]+$/.test(example) ? "spec" : "test";
  const name = `${stem}.${suffix}${ext}`;
  if (example?.split("/").includes("__tests__")) return join(join(dir, "__tests__"), name);
  const root = example?.split("/")[0];
  if (root === "test" || root === "tests") return join(join(root, dir.replace(/^(src|lib)(\/|$)/, "")), name);
  return join(dir, name);
}

function pythonTestPath(dir: string, stem: string, example: string | null): string {
  const root = example?.split("/")[0];
  return root === "tests" || root === "test" ? join(root, `test_${stem}.py`) : join(dir, `test_${stem}.py`);
}

function splitPath(path: string): { dir: string; stem: string; ext: string } {
  const slash = path.lastIndexOf("/");
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf(".");
  return { dir: slash === -1 ? "" : path.slice(0, slash), stem: dot > 0 ? name.slice(0, dot) : name, ext: dot > 0 ? name.slice(dot) : "" };
}

function join(dir: string, name: string): string {
  return dir === "" ? name : `${dir.replace(/\/$/, "")}/${name}`;
}

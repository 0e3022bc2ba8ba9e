// Whether a JavaScript/TypeScript import specifier, written in one file, names
// another file of the repository: relative specifiers with or without an
// extension, `index` files, `.js` written for a `.ts` source (NodeNext ESM),
// and path aliases such as `@/lib/money` or `~/lib/money` matched by their tail.

import { posix } from "node:path";

const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/** What a source's own extension may be written as in a specifier. */
const WRITTEN_AS: Readonly<Record<string, string[]>> = {
  ".ts": [".ts", ".js"],
  ".tsx": [".tsx", ".js", ".jsx"],
  ".mts": [".mts", ".mjs"],
  ".cts": [".cts", ".cjs"],
  ".js": [".js"],
  ".jsx": [".jsx", ".js"],
  ".mjs": [".mjs"],
  ".cjs": [".cjs"],
};

/** The forms a specifier may take for `sourcePath`, relative to the repository root: `src/a/b`, `src/a/b.js`, `src/a` for `src/a/index.ts`. */
function writtenForms(sourcePath: string): string[] {
  const extension = SOURCE_EXTENSION.exec(sourcePath)?.[0] ?? "";
  const stem = sourcePath.slice(0, sourcePath.length - extension.length);
  const forms = [stem, ...(WRITTEN_AS[extension] ?? [extension]).map((written) => stem + written)];
  if (posix.basename(stem) === "index") forms.push(posix.dirname(stem), `${posix.dirname(stem)}/`);
  return forms;
}

/** Prefixes that path aliases commonly stand for (`@/`, `~/`, `#/`, `$lib/`). */
const ALIAS = /^(?:[@~#]|\$\w+)\//;

export function specifierNamesFile(fromPath: string, specifier: string, sourcePath: string): boolean {
  const forms = writtenForms(sourcePath);
  if (specifier.startsWith(".")) {
    const resolved = posix.join(posix.dirname(fromPath), specifier);
    return forms.includes(resolved) || forms.includes(resolved.replace(/\/$/, ""));
  }
  // A specifier from the repository root (`baseUrl: "."`), or one with a path alias whose tail ends a written form at a folder boundary.
  if (forms.includes(specifier)) return true;
  if (!ALIAS.test(specifier)) return false;
  const tail = specifier.replace(ALIAS, "");
  return forms.some((form) => form === tail || form.endsWith(`/${tail}`));
}

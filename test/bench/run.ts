// `npm run bench`: runs every test/bench/*.bench.ts (each default-exports an
// async function that prints its figures). Figures, not pass/fail.

import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => !only || name.includes(only))
  .sort();

for (const name of files) {
  console.log(`\n## ${name}`);
  const module = (await import(pathToFileURL(join(here, name)).href)) as { default: () => Promise<void> };
  await module.default();
}

// `npm run schema`: writes src/config/foureyes.schema.json from the zod repo
// config schema. Run it after changing src/config/repo-config.ts.

import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { renderRepoConfigJsonSchema } from "./build-repo-config-json-schema.js";

const REPO_CONFIG_SCHEMA_PATH = fileURLToPath(new URL("./foureyes.schema.json", import.meta.url));

await writeFile(REPO_CONFIG_SCHEMA_PATH, renderRepoConfigJsonSchema());
console.error(`wrote ${REPO_CONFIG_SCHEMA_PATH}`);

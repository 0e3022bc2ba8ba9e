// The JSON Schema of `.github/foureyes.yml`, generated from the zod schema so
// editors validate the same rules the app applies (checked for drift by a test).

import { z } from "zod";

import { repoConfigSchema } from "./repo-config.js";

export const REPO_CONFIG_SCHEMA_ID = "urn:foureyes:repo-config";

/** The schema as committed in src/config/foureyes.schema.json: keys optional, defaults documented. */
export function buildRepoConfigJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(repoConfigSchema, { io: "input" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: REPO_CONFIG_SCHEMA_ID,
    title: "foureyes repository config (.github/foureyes.yml)",
    description:
      "Settings a repository gives foureyes, read from its default branch. The model endpoint and limits are server settings and cannot be set here.",
    ...rest,
  };
}

/** The file text: stable key order, two-space indent, trailing newline. */
export function renderRepoConfigJsonSchema(): string {
  return `${JSON.stringify(buildRepoConfigJsonSchema(), null, 2)}\n`;
}

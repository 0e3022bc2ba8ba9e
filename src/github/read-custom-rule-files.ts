// Reads a repository's own rule packs, `.github/foureyes/rules/*.yml`, from
// its default branch (never from a pull request's head, like the config),
// through the contents API: one listing, then each file, within the bounds
// of pickCustomRuleFiles. A file that cannot be read is named, not fatal.

import type { CustomRuleFiles, RuleFileText } from "../analysis/parse-custom-rule-packs.js";
import { pickCustomRuleFiles } from "../config/pick-custom-rule-files.js";
import { CUSTOM_RULE_LIMITS, CUSTOM_RULES_DIR } from "../config/rule-options.js";
import { httpStatusOf } from "./http-status.js";
import type { GitHubClient } from "./octokit.js";
import { readFileAt } from "./read-file-at.js";

/** `ref` is the default branch's name. No folder: no files, no problem. */
export async function readCustomRuleFiles(octokit: GitHubClient, repository: { owner: string; repo: string }, ref: string): Promise<CustomRuleFiles> {
  let listing: unknown;
  try {
    ({ data: listing } = await octokit.rest.repos.getContent({ owner: repository.owner, repo: repository.repo, path: CUSTOM_RULES_DIR, ref }));
  } catch (error) {
    if (httpStatusOf(error) === 404) return { files: [], problems: [] };
    throw error;
  }
  if (!Array.isArray(listing)) return { files: [], problems: [`${CUSTOM_RULES_DIR} on ${ref} is not a folder`] };
  const entries = (listing as { name?: unknown; type?: unknown; size?: unknown }[]).map((entry) => ({
    name: String(entry.name),
    isFile: entry.type === "file",
    ...(typeof entry.size === "number" ? { size: entry.size } : {}),
  }));
  const { paths, problems } = pickCustomRuleFiles(entries);
  const files: RuleFileText[] = [];
  for (const path of paths) {
    const read = await readFileAt(octokit, repository, path, ref, CUSTOM_RULE_LIMITS.bytesPerFile);
    if (read.kind === "text") files.push({ path, text: read.text });
    else problems.push(`${path}: not read (${read.kind === "skipped" ? (read.detail ?? read.reason) : "gone"})`);
  }
  return { files, problems };
}

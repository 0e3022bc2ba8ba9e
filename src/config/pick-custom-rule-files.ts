// Which files of `.github/foureyes/rules/` a review reads: `*.yml`/`*.yaml`,
// in name order, at most CUSTOM_RULE_LIMITS.files of them and none over
// CUSTOM_RULE_LIMITS.bytesPerFile; each file left out is said, not dropped
// silently. The GitHub and the local git source list the folder their own way.

import { CUSTOM_RULE_LIMITS, CUSTOM_RULES_DIR } from "./rule-options.js";

export interface FolderEntry {
  name: string;
  /** Bytes; unknown sizes are checked when the file is read. */
  size?: number;
  isFile: boolean;
}

export function pickCustomRuleFiles(entries: FolderEntry[]): { paths: string[]; problems: string[] } {
  const packs = entries.filter((entry) => entry.isFile && /\.ya?ml$/.test(entry.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const problems: string[] = [];
  const fitting = packs.filter((entry) => {
    if (entry.size === undefined || entry.size <= CUSTOM_RULE_LIMITS.bytesPerFile) return true;
    problems.push(`${CUSTOM_RULES_DIR}/${entry.name}: ${entry.size} bytes, over the ${CUSTOM_RULE_LIMITS.bytesPerFile} a rule file may have; not read`);
    return false;
  });
  const over = fitting.slice(CUSTOM_RULE_LIMITS.files);
  if (over.length > 0) {
    problems.push(
      `${CUSTOM_RULES_DIR}: ${fitting.length} rule files, over the ${CUSTOM_RULE_LIMITS.files} read; not read: ${over.map((entry) => entry.name).join(", ")}`,
    );
  }
  return { paths: fitting.slice(0, CUSTOM_RULE_LIMITS.files).map((entry) => `${CUSTOM_RULES_DIR}/${entry.name}`), problems };
}

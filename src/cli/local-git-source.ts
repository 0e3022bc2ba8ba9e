// The ReviewSource for a local git range: what GitHub would report for a pull
// request from `base` to `head`, read with git. Files come from the head
// commit, never from the work tree, and the repo config from the base commit:
// the change under review cannot reconfigure its own review.

import { resolve } from "node:path";

import type { CustomRuleFiles } from "../analysis/parse-custom-rule-packs.js";
import { loadRepoConfigFile, type ParsedRepoConfig, parseRepoConfig } from "../config/parse-repo-config.js";
import { pickCustomRuleFiles } from "../config/pick-custom-rule-files.js";
import { DEFAULT_REPO_CONFIG, REPO_CONFIG_PATH } from "../config/repo-config.js";
import { CUSTOM_RULE_LIMITS, CUSTOM_RULES_DIR } from "../config/rule-options.js";
import type { HeadFile } from "../core/head-file.js";
import { decodeHeadFile, tooLarge } from "../core/head-file.js";
import type { ReviewSource } from "../review/ports.js";
import type { ReviewSnapshot } from "../review/types.js";
import { GitOutputTooLargeError, runGit, runGitBuffer } from "./git.js";
import { parseGitDiffOutput } from "./parse-git-diff-output.js";

export interface LocalGitSourceOptions {
  /** Any directory inside the work tree; git paths are relative to its top. */
  cwd: string;
  base: string;
  head: string;
  /** A config file on disk that replaces `.github/foureyes.yml` at the base. */
  configPath?: string;
  /** Head files over this many bytes are skipped as too large. */
  maxHeadFileBytes?: number;
}


const DEFAULT_MAX_HEAD_FILE_BYTES = 16 * 1024 * 1024;

/** The same shape of diff GitHub shows: renames detected, 3 lines of context, hunks never merged across gaps. */
const DIFF_OPTIONS = ["--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "-M", "--src-prefix=a/", "--dst-prefix=b/"];

export function createLocalGitSource(options: LocalGitSourceOptions): ReviewSource {
  const { cwd, base, head } = options;
  const maxHeadFileBytes = options.maxHeadFileBytes ?? DEFAULT_MAX_HEAD_FILE_BYTES;
  let snapshot: Promise<ReviewSnapshot> | undefined;

  async function buildSnapshot(): Promise<ReviewSnapshot> {
    const range = [base, head, "--"];
    const [nameStatus, numstat, patch, message, baseSha, headSha, parsedConfig] = await Promise.all([
      runGit(cwd, ["diff", ...DIFF_OPTIONS, "-z", "--name-status", ...range]),
      runGit(cwd, ["diff", ...DIFF_OPTIONS, "-z", "--numstat", ...range]),
      runGit(cwd, ["diff", ...DIFF_OPTIONS, "-U3", "--inter-hunk-context=0", ...range]),
      runGit(cwd, ["log", "-1", "--no-show-signature", "--format=%s%x00%b", head, "--"]),
      revParse(cwd, base),
      revParse(cwd, head),
      loadConfig(),
    ]);
    const [title = "", body = ""] = message.split("\0");
    const snapshotValue: ReviewSnapshot = {
      label: `${cwd} ${baseSha.slice(0, 12)}..${headSha.slice(0, 12)}`,
      title: title.trim(),
      description: body.trim(),
      baseSha,
      headSha,
      draft: false,
      authorIsBot: false,
      files: parseGitDiffOutput({ nameStatus, numstat, patch }),
      config: parsedConfig.config,
      priorComments: [],
    };
    if (parsedConfig.error) snapshotValue.configError = parsedConfig.error;
    if (parsedConfig.halted) snapshotValue.configHalted = true;
    if (parsedConfig.config.rules.custom && !parsedConfig.halted) snapshotValue.customRules = await readCustomRuleFiles(cwd, base);
    return snapshotValue;
  }

  async function loadConfig(): Promise<ParsedRepoConfig> {
    if (options.configPath !== undefined) return loadRepoConfigFile(resolve(cwd, options.configPath));
    const file = await readBlob(cwd, base, REPO_CONFIG_PATH, 1024 * 1024);
    if (file.kind === "absent") return { config: DEFAULT_REPO_CONFIG };
    if (file.kind === "skipped") return { config: DEFAULT_REPO_CONFIG, error: `${REPO_CONFIG_PATH} at ${base.slice(0, 12)}: ${file.detail}` };
    const parsed = parseRepoConfig(file.text);
    return parsed.error ? { config: parsed.config, error: `${REPO_CONFIG_PATH} at ${base.slice(0, 12)}: ${parsed.error}` } : parsed;
  }

  return {
    loadSnapshot() {
      // Loaded once: the CLI looks at the config before the pipeline starts.
      snapshot ??= buildSnapshot();
      return snapshot;
    },
    readHeadFile(path) {
      return readBlob(cwd, head, path, maxHeadFileBytes);
    },
    async listHeadPaths() {
      const listing = await runGit(cwd, ["ls-tree", "-r", "--name-only", "-z", "--end-of-options", head]);
      return { paths: listing.split("\0").filter(Boolean), truncated: false };
    },
  };
}

/** The repository's own rule packs at the base commit, within the bounds the GitHub source keeps too. */
async function readCustomRuleFiles(cwd: string, base: string): Promise<CustomRuleFiles> {
  // `-l` gives sizes; NUL-separated records of "mode type object size<TAB>path".
  const listing = await runGit(cwd, ["ls-tree", "-z", "-l", "--end-of-options", base, `${CUSTOM_RULES_DIR}/`]);
  const entries = listing
    .split("\0")
    .filter((record) => record.includes("\t"))
    .map((record) => {
      const [meta = "", path = ""] = record.split("\t");
      const [, type, , size] = meta.trim().split(/\s+/);
      return { name: path.slice(CUSTOM_RULES_DIR.length + 1), isFile: type === "blob", ...(size && /^\d+$/.test(size) ? { size: Number(size) } : {}) };
    });
  const { paths, problems } = pickCustomRuleFiles(entries);
  const files: CustomRuleFiles["files"] = [];
  for (const path of paths) {
    const read = await readBlob(cwd, base, path, CUSTOM_RULE_LIMITS.bytesPerFile);
    if (read.kind === "text") files.push({ path, text: read.text });
    else problems.push(`${path}: not read (${read.kind === "skipped" ? (read.detail ?? read.reason) : "gone"})`);
  }
  return { files, problems };
}

async function revParse(cwd: string, ref: string): Promise<string> {
  return (await runGit(cwd, ["rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`])).trim();
}

/** A file's text at a commit, or why there is none: absent (or not a file), binary, over `maxBytes`. */
async function readBlob(cwd: string, ref: string, path: string, maxBytes: number): Promise<HeadFile> {
  const object = `${ref}:${path}`;
  try {
    return decodeHeadFile(await runGitBuffer(cwd, ["cat-file", "blob", object], { maxBuffer: maxBytes }), maxBytes);
  } catch (error) {
    if (!(error instanceof GitOutputTooLargeError)) return { kind: "absent" };
    return tooLarge(Number((await runGit(cwd, ["cat-file", "-s", object])).trim()), maxBytes);
  }
}

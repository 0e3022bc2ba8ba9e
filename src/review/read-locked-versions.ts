// Which dependency versions a piece of a lockfile pins, by package name: the
// text of one side of a lockfile's diff goes in, name → versions comes out.
// Best effort per format, line by line (a diff shows fragments, not whole
// files, so no format is parsed as a document).

type Versions = Map<string, Set<string>>;

/** Reads one line; `key` is the package whose entry the line is in (formats that name it on a line of its own). */
type LineReader = (line: string, state: { key: string | undefined }, found: Versions) => void;

const NPM_ENTRY = /^\s*"(?:[^"]*\/)?node_modules\/([^"]+)": \{/;
const ANY_JSON_OBJECT = /^\s*"[^"]*": \{/;
const JSON_VERSION = /^\s*"version": "([^"]+)"/;
const YARN_ENTRY = /^"?((?:@[^@\s"/]+\/)?[^@\s"/]+)@[^\n]*:\s*$/;
const YARN_VERSION = /^\s+version:? "?([^"\s]+)"?\s*$/;
const PNPM_ENTRY = /^ {2}['"]?\/?((?:@[^@\s'"/]+\/)?[^@\s'"/]+)@([^(:'"\s]+)/;
/** pnpm-lock.yaml before v6: `/name/1.2.3:` or `/@scope/name/1.2.3_peer@4.5.6:`. */
const PNPM_V5_ENTRY = /^ {2}\/((?:@[^/\s]+\/)?[^/\s]+)\/([^/_:\s]+)(?:_[^:\s]*)?:\s*$/;
const TOML_NAME = /^name = "([^"]+)"/;
const TOML_VERSION = /^version = "([^"]+)"/;
const GO_SUM = /^(\S+) (v[^\s/]+)(?:\/go\.mod)? h1:/;
const GRADLE_ENTRY = /^([^:#=\s]+:[^:=\s]+):([^:=\s]+)=/;
const NUGET_RESOLVED = /^\s*"resolved": "([^"]+)"/;
const JSON_NAME = /^\s*"name": "([^"]+)"/;
const PIPFILE_VERSION = /^\s*"version": "==([^"]+)"/;
const BUN_ENTRY = /^\s*"[^"]+": \["((?:@[^@"/]+\/)?[^@"]+)@([^"]+)"/;
const GEM_SPEC = /^ {4}([A-Za-z0-9_.-]+) \(([^)\s,]+)\)\s*$/;

function add(found: Versions, name: string, version: string): void {
  let versions = found.get(name);
  if (!versions) found.set(name, (versions = new Set()));
  versions.add(version);
}

const readNpm: LineReader = (line, state, found) => {
  const entry = NPM_ENTRY.exec(line);
  // Any other object (the root "", a legacy "dependencies" entry, nested requirements) is no package entry.
  if (entry || ANY_JSON_OBJECT.test(line)) state.key = entry?.[1];
  const version = JSON_VERSION.exec(line);
  if (version?.[1] && state.key) add(found, state.key, version[1]);
};

const readYarn: LineReader = (line, state, found) => {
  const entry = YARN_ENTRY.exec(line);
  if (entry) state.key = entry[1];
  else if (/^\S/.test(line)) state.key = undefined;
  const version = YARN_VERSION.exec(line);
  if (version?.[1] && state.key) add(found, state.key, version[1]);
};

/** Cargo.lock, poetry.lock, uv.lock: `[[package]]` tables with `name = ` and `version = `. */
const readTomlPackages: LineReader = (line, state, found) => {
  if (line.startsWith("[")) state.key = undefined;
  const name = TOML_NAME.exec(line);
  if (name) state.key = name[1];
  const version = TOML_VERSION.exec(line);
  if (version?.[1] && state.key) add(found, state.key, version[1]);
};

/** A JSON object per package named by its key, the version under `field` (NuGet's "resolved", Pipfile's "version": "==…"). */
function readJsonObjects(version: RegExp): LineReader {
  return (line, state, found) => {
    const entry = /^\s*"([^"]+)": \{/.exec(line);
    if (entry) state.key = entry[1];
    const pinned = version.exec(line);
    if (pinned?.[1] && state.key) add(found, state.key, pinned[1]);
  };
}

/** composer.lock: `{ "name": "vendor/package", "version": "1.2.3", … }`. */
const readComposer: LineReader = (line, state, found) => {
  const name = JSON_NAME.exec(line);
  if (name) state.key = name[1];
  const version = JSON_VERSION.exec(line);
  if (version?.[1] && state.key) add(found, state.key, version[1].replace(/^v(?=\d)/, ""));
};

/** Formats with name and version on one line (pnpm, go.sum, Gemfile.lock, gradle.lockfile, bun.lock): the first pattern that matches. */
function readOneLine(...patterns: RegExp[]): LineReader {
  return (line, _state, found) => {
    for (const pattern of patterns) {
      const entry = pattern.exec(line);
      if (entry?.[1] && entry[2]) return add(found, entry[1], entry[2]);
    }
  };
}

const READERS: Record<string, LineReader> = {
  "package-lock.json": readNpm,
  "npm-shrinkwrap.json": readNpm,
  "yarn.lock": readYarn,
  "pnpm-lock.yaml": readOneLine(PNPM_V5_ENTRY, PNPM_ENTRY),
  "Cargo.lock": readTomlPackages,
  "poetry.lock": readTomlPackages,
  "uv.lock": readTomlPackages,
  "go.sum": readOneLine(GO_SUM),
  "go.work.sum": readOneLine(GO_SUM),
  "Gemfile.lock": readOneLine(GEM_SPEC),
  "gradle.lockfile": readOneLine(GRADLE_ENTRY),
  "bun.lock": readOneLine(BUN_ENTRY),
  "packages.lock.json": readJsonObjects(NUGET_RESOLVED),
  "Pipfile.lock": readJsonObjects(PIPFILE_VERSION),
  "composer.lock": readComposer,
};

/** Versions by package name in these lines (one hunk's side), or undefined when the format is not read. */
export function readLockedVersions(fileName: string, lines: readonly string[]): Versions | undefined {
  const read = READERS[fileName];
  if (!read) return undefined;
  const found: Versions = new Map();
  const state: { key: string | undefined } = { key: undefined };
  for (const line of lines) read(line, state, found);
  return found;
}

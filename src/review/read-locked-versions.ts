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
const TOML_NAME = /^name = "([^"]+)"/;
const TOML_VERSION = /^version = "([^"]+)"/;
const GO_SUM = /^(\S+) (v[^\s/]+)(?:\/go\.mod)? h1:/;
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

const readPnpm: LineReader = (line, _state, found) => {
  const entry = PNPM_ENTRY.exec(line);
  if (entry?.[1] && entry[2]) add(found, entry[1], entry[2]);
};

/** Cargo.lock, poetry.lock, uv.lock: `[[package]]` tables with `name = ` and `version = `. */
const readTomlPackages: LineReader = (line, state, found) => {
  if (line.startsWith("[")) state.key = undefined;
  const name = TOML_NAME.exec(line);
  if (name) state.key = name[1];
  const version = TOML_VERSION.exec(line);
  if (version?.[1] && state.key) add(found, state.key, version[1]);
};

const readGoSum: LineReader = (line, _state, found) => {
  const entry = GO_SUM.exec(line);
  if (entry?.[1] && entry[2]) add(found, entry[1], entry[2]);
};

const readGemfileLock: LineReader = (line, _state, found) => {
  const spec = GEM_SPEC.exec(line);
  if (spec?.[1] && spec[2]) add(found, spec[1], spec[2]);
};

const READERS: Record<string, LineReader> = {
  "package-lock.json": readNpm,
  "npm-shrinkwrap.json": readNpm,
  "yarn.lock": readYarn,
  "pnpm-lock.yaml": readPnpm,
  "Cargo.lock": readTomlPackages,
  "poetry.lock": readTomlPackages,
  "uv.lock": readTomlPackages,
  "go.sum": readGoSum,
  "go.work.sum": readGoSum,
  "Gemfile.lock": readGemfileLock,
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

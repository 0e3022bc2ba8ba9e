// What a lockfile's diff changed, in the words a reviewer checks anyway:
// which dependencies were added, removed or moved to another version. Pure:
// reads only the patch, both sides of each hunk, never the files.

import { readLockedVersions } from "./read-locked-versions.js";
import type { DependencyChange } from "./types.js";

export interface LockfileChange {
  /** Bumped first, then added, then removed; by name within each. */
  changes: DependencyChange[];
  /** One line for the review body, e.g. "lockfile — 2 bumped, 1 added". */
  detail: string;
}

type Versions = Map<string, Set<string>>;

export function describeLockfileChange(fileName: string, patch: string | undefined): LockfileChange {
  if (patch === undefined || patch === "") return { changes: [], detail: "lockfile — GitHub sent no diff to read the versions from" };
  const sides = readSides(fileName, patch);
  if (!sides) return { changes: [], detail: "lockfile" };
  const changes = compareVersions(sides.old, sides.new);
  return { changes, detail: `lockfile — ${countChanges(changes)}` };
}

/** Each hunk read twice: as it was (context and removed lines) and as it is (context and added lines). */
function readSides(fileName: string, patch: string): { old: Versions; new: Versions } | undefined {
  const old: Versions = new Map();
  const now: Versions = new Map();
  for (const hunk of patch.split(/^(?=@@ )/m)) {
    const lines = hunk.split("\n").filter((line) => !line.startsWith("@@ ") && !line.startsWith("\\"));
    const before = readLockedVersions(fileName, lines.filter((line) => !line.startsWith("+")).map((line) => line.slice(1)));
    const after = readLockedVersions(fileName, lines.filter((line) => !line.startsWith("-")).map((line) => line.slice(1)));
    if (!before || !after) return undefined;
    merge(old, before);
    merge(now, after);
  }
  return { old, new: now };
}

function merge(into: Versions, from: Versions): void {
  for (const [name, versions] of from) {
    const known = into.get(name);
    if (known) for (const version of versions) known.add(version);
    else into.set(name, new Set(versions));
  }
}

function compareVersions(old: Versions, now: Versions): DependencyChange[] {
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: DependencyChange[] = [];
  for (const name of names) {
    const before = old.get(name) ?? new Set<string>();
    const after = now.get(name) ?? new Set<string>();
    const gone = [...before].filter((version) => !after.has(version));
    const came = [...after].filter((version) => !before.has(version));
    if (gone.length > 0 && came.length > 0) changes.push({ name, from: gone.join(", "), to: came.join(", ") });
    else if (came.length > 0) changes.push({ name, to: came.join(", ") });
    else if (gone.length > 0) changes.push({ name, from: gone.join(", ") });
  }
  const rank = (change: DependencyChange) => (change.from && change.to ? 0 : change.to ? 1 : 2);
  return changes.sort((a, b) => rank(a) - rank(b));
}

function countChanges(changes: DependencyChange[]): string {
  if (changes.length === 0) return "no dependency changed version";
  const bumped = changes.filter((change) => change.from && change.to).length;
  const added = changes.filter((change) => !change.from).length;
  const removed = changes.filter((change) => !change.to).length;
  return [
    bumped > 0 ? `${bumped} bumped` : "",
    added > 0 ? `${added} added` : "",
    removed > 0 ? `${removed} removed` : "",
  ]
    .filter((part) => part !== "")
    .join(", ");
}

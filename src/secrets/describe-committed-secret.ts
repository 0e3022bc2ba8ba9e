// The words of the deterministic finding on a line that commits secrets: it
// names the kind and what to do, and never repeats the value.

import { SECRET_LABELS } from "./secret-labels.js";
import type { SecretKind } from "./types.js";

export function describeCommittedSecret(kinds: readonly SecretKind[]): string {
  const labels = [...new Set(kinds)].map((kind) => SECRET_LABELS[kind]);
  if (labels.length <= 1) {
    return `${labels[0] ?? SECRET_LABELS["secret-assignment"]} is committed here; revoke it and load it from the environment or a secret store.`;
  }
  const listed = `${labels.slice(0, -1).join(", ")} and ${lowerFirst(labels[labels.length - 1]!)}`;
  return `${listed} are committed here; revoke them and load them from the environment or a secret store.`;
}

function lowerFirst(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

// The one byte form of a record that its hash is taken over, so an auditor can
// recompute every hash without foureyes: JSON with object keys sorted by
// UTF-16 code units, no whitespace, strings and numbers as JSON.stringify
// writes them (the same as RFC 8785 for the values records hold: strings,
// safe integers, booleans, null, arrays, objects). Undefined members are left
// out; anything else (NaN, fractions, functions) is refused.

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError(`audit records hold whole numbers only, got ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
  }
  throw new TypeError(`audit records cannot hold a ${typeof value}`);
}

// The body of a request as GitHub will read it. Octokit sends a plain object
// as JSON and a string as it is, so a string is parsed here rather than taken
// for "no fields": otherwise `'{"state":"closed"}'` would pass as empty.

export type RequestBody = { fields: Record<string, unknown> } | { why: string };

/** The JSON object a request body carries; no body is an empty object. */
export function readRequestBody(body: unknown): RequestBody {
  if (body === undefined || body === null || body === "") return { fields: {} };
  let value: unknown = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      return { why: "its body is not JSON, so what GitHub would do with it cannot be checked" };
    }
  }
  return isPlainObject(value)
    ? { fields: value }
    : { why: `its body is not a JSON object (${describe(value)}), so what GitHub would do with it cannot be checked` };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return `a ${value.constructor?.name ?? "non-plain object"}`;
  return `a ${typeof value}`;
}

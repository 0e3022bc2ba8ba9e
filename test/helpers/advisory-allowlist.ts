// The suite's own statement of what foureyes may send to GitHub, written apart
// from src/github/advisory-policy.ts on purpose: the request recorder checks
// every request of every test against this table, so a hole in the product's
// policy does not also open the check that should catch it. Keep it small and
// literal; when foureyes learns a new advisory write, both lists change.

import { Kind, parse } from "graphql";

type Body = Record<string, unknown>;

interface AllowedWrite {
  method: string;
  path: RegExp;
  fields: readonly string[];
  /** A reason when the body is not what foureyes sends, else undefined. */
  check?: (body: Body) => string | undefined;
}

const REPO = "/repos/[\\w.-]+/[\\w.-]+";
const oneOf = (field: string, allowed: readonly string[], optional: boolean) => (body: Body) =>
  (optional && body[field] === undefined) || allowed.includes(body[field] as string)
    ? undefined
    : `${field} ${JSON.stringify(body[field])} (allowed: ${allowed.join(", ")})`;
const all = (...checks: ((body: Body) => string | undefined)[]) => (body: Body) =>
  checks.map((check) => check(body)).find((why) => why !== undefined);
const reportIssue = (body: Body) =>
  typeof body.body === "string" && body.body.includes("<!-- foureyes:report=") ? undefined : "an issue body without the report marker";
const checkRun = all(
  oneOf("name", ["foureyes"], true),
  oneOf("status", ["queued", "in_progress", "completed"], true),
  oneOf("conclusion", ["neutral", "skipped"], true),
);
const CHECK_RUN_FIELDS = ["name", "head_sha", "status", "conclusion", "started_at", "completed_at", "details_url", "external_id", "output"];

const ALLOWED_WRITES: readonly AllowedWrite[] = [
  { method: "POST", path: /^\/app\/installations\/\d+\/access_tokens$/, fields: ["repositories", "repository_ids", "permissions"] },
  { method: "POST", path: /^\/app\/hook\/deliveries\/\d+\/attempts$/, fields: [] },
  { method: "POST", path: /^\/graphql$/, fields: ["query", "variables", "operationName"], check: onlyQueries },
  { method: "POST", path: new RegExp(`^${REPO}/pulls/\\d+/reviews$`), fields: ["event", "body", "commit_id", "comments"], check: oneOf("event", ["COMMENT"], false) },
  { method: "POST", path: new RegExp(`^${REPO}/check-runs$`), fields: CHECK_RUN_FIELDS, check: checkRun },
  { method: "PATCH", path: new RegExp(`^${REPO}/check-runs/\\d+$`), fields: CHECK_RUN_FIELDS, check: checkRun },
  { method: "POST", path: new RegExp(`^${REPO}/issues/\\d+/comments$`), fields: ["body"] },
  { method: "POST", path: new RegExp(`^${REPO}/issues/comments/\\d+/reactions$`), fields: ["content"] },
  { method: "POST", path: new RegExp(`^${REPO}/pulls/comments/\\d+/reactions$`), fields: ["content"] },
  { method: "POST", path: new RegExp(`^${REPO}/issues$`), fields: ["title", "body"], check: reportIssue },
  { method: "PATCH", path: new RegExp(`^${REPO}/issues/\\d+$`), fields: ["title", "body"], check: reportIssue },
];

/** Why a request the GitHub mock answered is not one foureyes may send, or undefined when it may. */
export function explainNonAdvisoryRequest(method: string, path: string, body: unknown): string | undefined {
  const verb = method.toUpperCase();
  const [rawPath = "", query] = path.split("?");
  // The mock may sit at a GitHub Enterprise /api base, leaving /v3 in front of REST paths.
  const pathname = rawPath.replace(/^\/(api\/)?v3(?=\/)/, "").replace(/^\/api\/graphql$/, "/graphql");
  if (verb === "GET" || verb === "HEAD") return pathname === "/graphql" ? "GraphQL over GET" : undefined;
  const write = ALLOWED_WRITES.find((candidate) => candidate.method === verb && candidate.path.test(pathname));
  if (!write) return "not a write foureyes makes";
  if (query !== undefined) return "a write with a query string";
  const fields = body === undefined ? {} : body;
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) return "a body that is not a JSON object";
  const extra = Object.keys(fields).filter((field) => !write.fields.includes(field));
  if (extra.length > 0) return `fields foureyes never sends: ${extra.join(", ")}`;
  return write.check?.(fields as Body);
}

function onlyQueries(body: Body): string | undefined {
  if (typeof body.query !== "string") return "no GraphQL query";
  try {
    const definitions = parse(body.query).definitions;
    const notQuery = definitions.find(
      (definition) => definition.kind !== Kind.FRAGMENT_DEFINITION && !(definition.kind === Kind.OPERATION_DEFINITION && definition.operation === "query"),
    );
    return notQuery ? `a GraphQL ${notQuery.kind === Kind.OPERATION_DEFINITION ? notQuery.operation : notQuery.kind}` : undefined;
  } catch {
    return "a GraphQL document that does not parse";
  }
}

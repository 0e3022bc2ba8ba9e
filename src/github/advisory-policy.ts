// The advisory-only rule (DESIGN.md, invariant 1) as one pure function over a
// GitHub request: send-advisory.ts and the guarded Octokit (octokit.ts) refuse
// to send anything it does not allow.
//
// An allowlist: GET and HEAD read; the writes listed in advisory-writes.ts
// pass when their body is exactly what foureyes sends there; everything else
// is refused with a sentence that says what was attempted and why.

import type { z } from "zod";

import { ADVISORY_WRITES, type AdvisoryWrite } from "./advisory-writes.js";
import { readRequestBody } from "./read-request-body.js";

export interface AdvisoryVerdict {
  ok: boolean;
  why?: string;
}

const OK: AdvisoryVerdict = { ok: true };

const WRITES = ADVISORY_WRITES.map((write) => ({ ...write, path: routePattern(write.route) }));

/** Is this request something an advisory reviewer may send? `path` may be a full URL and carry a query string. */
export function isAdvisoryRequest(method: string, path: string, body: unknown): AdvisoryVerdict {
  const verb = method.toUpperCase();
  const url = new URL(path, "https://api.github.com");
  const pathname = normalisePath(url.pathname);
  const request = `${verb} ${pathname}`;
  if (verb === "GET" || verb === "HEAD") {
    // Mutations over GET are refused by the GraphQL-over-HTTP rules, but foureyes has no reason to try.
    return pathname === "/graphql" ? refuse(`${request}: foureyes sends GraphQL queries by POST only`) : OK;
  }
  const write = WRITES.find((candidate) => candidate.method === verb && candidate.path.test(pathname));
  if (!write) {
    return refuse(`${request} is not one of the advisory writes foureyes makes (see the list in src/github/advisory-writes.ts)`);
  }
  // A field in the query string is a field GitHub may read; foureyes sends a write's fields in its body.
  if (url.search !== "") return refuse(`${request} (${write.what}): it carries a query string (${url.search}), which foureyes never sends on a write`);
  const why = explainBody(write, body);
  return why ? refuse(`${request} (${write.what}): ${why}`) : OK;
}

function explainBody(write: AdvisoryWrite, body: unknown): string | undefined {
  const read = readRequestBody(body);
  if ("why" in read) return read.why;
  const parsed = write.body.safeParse(read.fields);
  if (parsed.success) return undefined;
  // A field foureyes never sends says most about what was attempted; name it first.
  const { issues } = parsed.error;
  return describeIssue(issues.find((issue) => issue.code === "unrecognized_keys") ?? issues[0]);
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "its body is not what foureyes sends here";
  // Our own messages are sentences; zod's generic ones need the field they are about.
  const generic = issue.message.startsWith("Invalid input") || issue.message.startsWith("Invalid option");
  return generic && issue.path.length > 0 ? `field ${issue.path.join(".")}: ${issue.message}` : issue.message;
}

/** Drops a GitHub Enterprise Server prefix (/api/v3 for REST, /api/graphql for GraphQL) and a trailing slash. */
function normalisePath(pathname: string): string {
  return pathname.replace(/^\/api\/v3(?=\/)/, "").replace(/^\/api\/graphql$/, "/graphql").replace(/\/+$/, "") || "/";
}

/** `/repos/{owner}/{repo}/issues/{issue_number}` → a pattern: names for owner and repo, digits for the rest. */
function routePattern(route: string): RegExp {
  const pattern = route.replace(/\{(\w+)\}/g, (_match, name: string) => (name === "owner" || name === "repo" ? "[A-Za-z0-9_.-]+" : "\\d+"));
  return new RegExp(`^${pattern}$`);
}

function refuse(why: string): AdvisoryVerdict {
  return { ok: false, why };
}

// The advisory-only rule (DESIGN.md, invariant 1) as one pure function over a
// GitHub REST request: publish.ts refuses to send anything it flags, and the
// test suite checks every request it records against it.
//
// Reads are always fine. Writes are an allowlist: the advisory ones foureyes
// makes (COMMENT reviews, comments, neutral check runs, its report issue,
// reactions, installation tokens). Anything else is flagged with the reason.

export interface AdvisoryVerdict {
  ok: boolean;
  why?: string;
}

const OK: AdvisoryVerdict = { ok: true };

const ADVISORY_CHECK_CONCLUSIONS = new Set(["neutral", "skipped"]);
const OPEN_CHECK_STATUSES = new Set(["queued", "in_progress", "waiting", "requested", "pending"]);

const R = "/repos/[^/]+/[^/]+";
const N = "[^/]+";

/** A write and the test its body must pass; `null` = always flagged with that reason. */
interface WriteRule {
  method: string;
  path: RegExp;
  check: ((body: Record<string, unknown>) => AdvisoryVerdict) | string;
}

const WRITE_RULES: WriteRule[] = [
  // Explicit refusals first, so the reason names what was attempted.
  { method: "PUT", path: re(`${R}/pulls/${N}/merge`), check: "merging a pull request" },
  { method: "PUT", path: re(`${R}/pulls/${N}/reviews/${N}/dismissals`), check: "dismissing a review" },
  { method: "PUT", path: re(`${R}/pulls/${N}/update-branch`), check: "updating a pull request's branch" },
  { method: "*", path: re(`${R}/pulls/${N}/requested_reviewers`), check: "changing requested reviewers" },
  { method: "*", path: re(`${R}/issues/${N}/labels(/.*)?`), check: "changing labels" },
  { method: "*", path: re(`${R}/labels(/.*)?`), check: "changing labels" },
  { method: "*", path: re(`${R}/issues/${N}/assignees`), check: "changing assignees" },
  { method: "*", path: re(`${R}/statuses/${N}`), check: "setting a commit status (use a neutral check run)" },
  { method: "*", path: re(`${R}/merges`), check: "merging branches" },
  { method: "*", path: re(`${R}/git/.*`), check: "writing git objects or refs" },
  { method: "*", path: re(`${R}/contents/.*`), check: "writing repository contents" },

  // The advisory writes.
  { method: "POST", path: /^\/app\/installations\/[^/]+\/access_tokens$/, check: () => OK },
  { method: "POST", path: /^\/graphql$/, check: checkGraphql },
  { method: "POST", path: re(`${R}/pulls/${N}/reviews`), check: checkReviewEvent },
  { method: "POST", path: re(`${R}/pulls/${N}/reviews/${N}/events`), check: checkReviewEvent },
  { method: "PUT", path: re(`${R}/pulls/${N}/reviews/${N}`), check: () => OK },
  { method: "POST", path: re(`${R}/pulls/${N}/comments(/${N}/replies)?`), check: () => OK },
  { method: "PATCH", path: re(`${R}/pulls/comments/${N}`), check: () => OK },
  { method: "POST", path: re(`${R}/pulls/comments/${N}/reactions`), check: () => OK },
  { method: "PATCH", path: re(`${R}/pulls/${N}`), check: checkPullUpdate },
  { method: "POST", path: re(`${R}/check-runs`), check: checkCheckRun },
  { method: "PATCH", path: re(`${R}/check-runs/${N}`), check: checkCheckRun },
  { method: "POST", path: re(`${R}/issues/${N}/comments`), check: () => OK },
  { method: "PATCH", path: re(`${R}/issues/comments/${N}`), check: () => OK },
  { method: "POST", path: re(`${R}/issues/comments/${N}/reactions`), check: () => OK },
  { method: "POST", path: re(`${R}/issues`), check: checkIssueWrite },
  { method: "PATCH", path: re(`${R}/issues/${N}`), check: checkIssueWrite },
];

/** Is this request something an advisory reviewer may send? `path` may carry a query string. */
export function isAdvisoryRequest(method: string, path: string, body: unknown): AdvisoryVerdict {
  const verb = method.toUpperCase();
  if (verb === "GET" || verb === "HEAD" || verb === "OPTIONS") return OK;
  const pathname = normalisePath(path);
  const fields = isRecord(body) ? body : {};
  for (const rule of WRITE_RULES) {
    if (rule.method !== "*" && rule.method !== verb) continue;
    if (!rule.path.test(pathname)) continue;
    if (typeof rule.check === "string") return refuse(`${verb} ${pathname}: ${rule.check} is not advisory`);
    const verdict = rule.check(fields);
    return verdict.ok ? OK : refuse(`${verb} ${pathname}: ${verdict.why}`);
  }
  return refuse(
    `${verb} ${pathname} is not one of the advisory writes foureyes makes; if it is advisory, add it to src/github/advisory-policy.ts`,
  );
}

function checkReviewEvent(body: Record<string, unknown>): AdvisoryVerdict {
  if (body.event === "COMMENT") return OK;
  const event = body.event === undefined ? "no event (a pending review)" : `event ${JSON.stringify(body.event)}`;
  return { ok: false, why: `a review with ${event}; only event "COMMENT" is advisory` };
}

function checkCheckRun(body: Record<string, unknown>): AdvisoryVerdict {
  const { conclusion, status } = body;
  if (conclusion !== undefined && conclusion !== null) {
    return ADVISORY_CHECK_CONCLUSIONS.has(String(conclusion))
      ? OK
      : { ok: false, why: `a check run with conclusion ${JSON.stringify(conclusion)}; only neutral or skipped are advisory` };
  }
  if (status === "completed") return { ok: false, why: "a completed check run needs conclusion neutral or skipped" };
  if (status === undefined || OPEN_CHECK_STATUSES.has(String(status))) return OK;
  return { ok: false, why: `a check run with status ${JSON.stringify(status)}` };
}

function checkPullUpdate(body: Record<string, unknown>): AdvisoryVerdict {
  for (const field of ["state", "base"]) {
    if (field in body) return { ok: false, why: `changing a pull request's ${field}` };
  }
  return OK;
}

function checkIssueWrite(body: Record<string, unknown>): AdvisoryVerdict {
  for (const field of ["labels", "assignees", "assignee", "milestone", "state", "state_reason"]) {
    if (field in body) return { ok: false, why: `setting an issue's ${field}` };
  }
  return OK;
}

function checkGraphql(body: Record<string, unknown>): AdvisoryVerdict {
  const query = typeof body.query === "string" ? body.query : "";
  return /^\s*mutation\b/.test(stripGraphqlComments(query))
    ? { ok: false, why: "a GraphQL mutation; foureyes only queries GraphQL" }
    : OK;
}

function stripGraphqlComments(query: string): string {
  return query.replace(/#[^\n]*/g, "");
}

/** Drops the query string, a GHES `/api` prefix and a trailing slash. */
function normalisePath(path: string): string {
  let pathname = path.split("?")[0] ?? "";
  try {
    if (/^https?:\/\//.test(pathname)) pathname = new URL(pathname).pathname;
  } catch {
    // Keep it as given.
  }
  // GitHub Enterprise Server serves REST under /api/v3 and GraphQL at /api/graphql.
  return pathname.replace(/^\/api\/v3(?=\/)/, "").replace(/^\/api\/graphql$/, "/graphql").replace(/\/+$/, "") || "/";
}

function re(pattern: string): RegExp {
  return new RegExp(`^${pattern}$`);
}

function refuse(why: string): AdvisoryVerdict {
  return { ok: false, why };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

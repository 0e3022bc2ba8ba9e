// The complete list of writes foureyes may send to GitHub, each with the body
// it may carry. Anything not listed is refused (src/github/advisory-policy.ts):
// an allowlist, so a new kind of write is a deliberate edit here, not a gap in
// a list of forbidden things. Routes are written as GitHub documents them;
// {owner} and {repo} are names, every other {placeholder} is a number.

import { z } from "zod";

import { explainNonQueryGraphql } from "./explain-non-query-graphql.js";

export interface AdvisoryWrite {
  method: "POST" | "PATCH";
  route: string;
  /** What the write is for, as the operator reads it in a refusal. */
  what: string;
  body: z.ZodType;
}

/** The hidden marker every report issue body starts with (src/reports/render-report-markdown.ts). */
export const REPORT_MARKER_PREFIX = "<!-- foureyes:report=";

const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"] as const;

/** A strict object: a field foureyes never sends is refused by name. */
function onlyFields<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `it sets ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}, which foureyes never sends here` : undefined,
  });
}

const reviewBody = onlyFields({
  event: z.literal("COMMENT", {
    error: (issue) =>
      issue.input === undefined
        ? "a review without an event, which GitHub leaves pending; foureyes posts its reviews with event \"COMMENT\""
        : `a review with event ${JSON.stringify(issue.input)}; only event "COMMENT" is advisory`,
  }),
  body: z.string().optional(),
  commit_id: z.string().optional(),
  // Inline comments are text on lines of the diff; their fields cannot approve or merge.
  comments: z.array(z.record(z.string(), z.unknown())).optional(),
});

const checkRunBody = onlyFields({
  name: z.literal("foureyes", {
    error: (issue) => `a check run named ${JSON.stringify(issue.input)}; foureyes writes only its own "foureyes" check run`,
  }).optional(),
  head_sha: z.string().optional(),
  status: z.enum(["queued", "in_progress", "completed"], {
    error: (issue) => `a check run with status ${JSON.stringify(issue.input)}; foureyes sets only queued, in_progress or completed`,
  }).optional(),
  conclusion: z.enum(["neutral", "skipped"], {
    error: (issue) => `a check run with conclusion ${JSON.stringify(issue.input)}; only neutral or skipped are advisory`,
  }).optional(),
  started_at: z.string().optional(),
  completed_at: z.string().optional(),
  details_url: z.string().optional(),
  external_id: z.string().optional(),
  output: onlyFields({ title: z.string(), summary: z.string(), text: z.string().optional() }).optional(),
}).refine((run) => run.status !== "completed" || run.conclusion !== undefined, {
  error: "a completed check run needs conclusion neutral or skipped",
});

const reportIssueBody = z.string({ error: "an issue write without a body; foureyes writes only its report issue, whose body carries its marker" }).refine((text) => text.includes(REPORT_MARKER_PREFIX), {
  error: "an issue body without foureyes' report marker; foureyes writes only its own report issue",
});

const GRAPHQL: AdvisoryWrite = {
  method: "POST",
  route: "/graphql",
  what: "a GraphQL query, as the report's backfill sends",
  body: onlyFields({
    query: z.string({ error: "a GraphQL request with no GraphQL query text" }),
    variables: z.record(z.string(), z.unknown()).nullish(),
    operationName: z.unknown().optional(),
  }).superRefine((request, context) => {
    const why = explainNonQueryGraphql(request.query, request.operationName);
    if (why) context.addIssue({ code: "custom", message: why });
  }),
};

export const ADVISORY_WRITES: readonly AdvisoryWrite[] = [
  {
    method: "POST",
    route: "/app/installations/{installation_id}/access_tokens",
    what: "an installation token (how Probot authenticates)",
    body: onlyFields({
      repositories: z.array(z.string()).optional(),
      repository_ids: z.array(z.number()).optional(),
      permissions: z.record(z.string(), z.string()).optional(),
    }),
  },
  {
    // App-authenticated, no body: GitHub sends the same delivery again to the URL set in the app's settings.
    method: "POST",
    route: "/app/hook/deliveries/{delivery_id}/attempts",
    what: "a redelivery of a webhook GitHub could not deliver",
    body: onlyFields({}),
  },
  GRAPHQL,
  { method: "POST", route: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", what: "a COMMENT review", body: reviewBody },
  { method: "POST", route: "/repos/{owner}/{repo}/check-runs", what: "the foureyes check run", body: checkRunBody },
  { method: "PATCH", route: "/repos/{owner}/{repo}/check-runs/{check_run_id}", what: "the foureyes check run", body: checkRunBody },
  {
    method: "POST",
    route: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    what: "a reply on a pull request or the report issue",
    body: onlyFields({ body: z.string() }),
  },
  {
    method: "POST",
    route: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    what: "a reaction to a command",
    body: onlyFields({ content: z.enum(REACTIONS) }),
  },
  {
    method: "POST",
    route: "/repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions",
    what: "a reaction to a command in a review thread",
    body: onlyFields({ content: z.enum(REACTIONS) }),
  },
  {
    method: "POST",
    route: "/repos/{owner}/{repo}/issues",
    what: "the report issue, title and body only",
    body: onlyFields({ title: z.string(), body: reportIssueBody }),
  },
  {
    // A pull request is an issue too: the marker keeps this from rewriting a pull request's title or description.
    method: "PATCH",
    route: "/repos/{owner}/{repo}/issues/{issue_number}",
    what: "the report issue, title and body only",
    body: onlyFields({ title: z.string().optional(), body: reportIssueBody }),
  },
];

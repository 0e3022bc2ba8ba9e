// Real webhook payloads from @octokit/webhooks-examples (recorded from GitHub,
// not hand-written), deep-copied, with the few fields tests vary overridable.
//
//   webhookPayload("pull_request", "opened")
//   webhookPayload("pull_request", "synchronize", { headSha: "abc…", draft: true, userType: "Bot" })
//   webhookPayload("issue_comment", "created", { commentBody: "/foureyes review" })

import { createRequire } from "node:module";

import type { WebhookDefinition } from "@octokit/webhooks-examples";
import type { WebhookEventMap, WebhookEventName } from "@octokit/webhooks-types";

const require = createRequire(import.meta.url);
const definitions = require("@octokit/webhooks-examples") as WebhookDefinition[];

export interface PayloadOverrides {
  /** pull_request.head.sha */
  headSha?: string;
  /** pull_request.base.sha */
  baseSha?: string;
  /** pull_request.draft */
  draft?: boolean;
  /** The type of the pull request's author (pull_request events) or the comment's author (issue_comment). */
  userType?: "User" | "Bot" | "Organization";
  /** pull_request.number / issue.number, and `number` at the top level when present. */
  number?: number;
  /** pull_request.state / issue.state */
  state?: "open" | "closed";
  /** comment.body (issue_comment) */
  commentBody?: string;
  /** installation.id (added when the example has none) */
  installationId?: number;
  /** Last word: change anything else on the copy. */
  patch?: (payload: Record<string, unknown>) => void;
}

/** The names that have examples, for error messages and tests. */
export function webhookNames(): string[] {
  return definitions.map((definition) => definition.name).sort();
}

/**
 * The first example payload for `name` (and `action`, when given), deep-copied
 * with `overrides` applied. Throws naming the names/actions that do exist.
 */
export function webhookPayload<N extends WebhookEventName>(
  name: N,
  action?: string,
  overrides: PayloadOverrides = {},
): WebhookEventMap[N] {
  const definition = definitions.find((candidate) => candidate.name === name);
  if (!definition) {
    throw new Error(`No webhook examples named "${name}". Known names: ${webhookNames().join(", ")}`);
  }
  const examples = definition.examples as Record<string, unknown>[];
  const example = action === undefined ? examples[0] : examples.find((candidate) => candidate.action === action);
  if (!example) {
    const actions = [...new Set(examples.map((candidate) => String(candidate.action)))].join(", ");
    throw new Error(`No "${name}" webhook example with action "${action}". Actions with examples: ${actions}`);
  }
  const payload = structuredClone(example);
  applyOverrides(payload, overrides);
  return payload as unknown as WebhookEventMap[N];
}

function applyOverrides(payload: Record<string, unknown>, overrides: PayloadOverrides): void {
  const pr = record(payload.pull_request);
  const issue = record(payload.issue);
  const comment = record(payload.comment);
  if (overrides.headSha !== undefined) requireField(record(pr?.head), "pull_request.head").sha = overrides.headSha;
  if (overrides.baseSha !== undefined) requireField(record(pr?.base), "pull_request.base").sha = overrides.baseSha;
  if (overrides.draft !== undefined) requireField(pr, "pull_request").draft = overrides.draft;
  if (overrides.state !== undefined) requireField(pr ?? issue, "pull_request or issue").state = overrides.state;
  if (overrides.number !== undefined) {
    requireField(pr ?? issue, "pull_request or issue").number = overrides.number;
    if ("number" in payload) payload.number = overrides.number;
  }
  if (overrides.userType !== undefined) {
    const author = pr ? record(pr.user) : record(comment?.user);
    requireField(author, "pull_request.user or comment.user").type = overrides.userType;
  }
  if (overrides.commentBody !== undefined) requireField(comment, "comment").body = overrides.commentBody;
  if (overrides.installationId !== undefined) {
    payload.installation = { ...(record(payload.installation) ?? {}), id: overrides.installationId };
  }
  overrides.patch?.(payload);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

function requireField(value: Record<string, unknown> | undefined, what: string): Record<string, unknown> {
  if (!value) throw new Error(`This webhook example has no ${what} to override`);
  return value;
}

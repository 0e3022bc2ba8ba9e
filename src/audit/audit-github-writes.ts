// Records every write foureyes makes to GitHub in the audit trail, at the
// Octokit itself, so no caller can write without a record: method, route
// template, target, result status, the id GitHub gave it, and for reviews the
// event (the record proves it was COMMENT) and for check runs the conclusion.
// Bodies are not recorded (the model's words are proved by the model.call
// records' hashes). The record is stored before the request's promise
// settles; when it cannot be stored the caller gets an error, so the job
// fails and retries rather than go on unrecorded.

import type { GitHubClient } from "../github/octokit.js";
import type { AuditLog } from "./create-audit-log.js";

const READS = new Set(["GET", "HEAD"]);
const TARGET_KEYS = ["pull_number", "issue_number", "comment_id", "check_run_id", "review_id"] as const;

export class AuditUnavailableError extends Error {
  override name = "AuditUnavailableError";
}

export function auditGitHubWrites<T extends Pick<GitHubClient, "hook">>(octokit: T, audit: AuditLog, installation: number): T {
  octokit.hook.wrap("request", async (request, options) => {
    const method = String(options.method ?? "GET").toUpperCase();
    if (READS.has(method)) return request(options);
    let status: number | undefined;
    let response: Awaited<ReturnType<typeof request>> | undefined;
    let failure: unknown;
    try {
      response = await request(options);
      status = response.status;
    } catch (error) {
      failure = error;
      status = (error as { status?: number }).status;
    }
    await recordWrite(audit, installation, { method, options, status, id: (response?.data as { id?: unknown } | undefined)?.id });
    if (failure !== undefined) throw failure;
    return response as Awaited<ReturnType<typeof request>>;
  });
  return octokit;
}

async function recordWrite(
  audit: AuditLog,
  installation: number,
  write: { method: string; options: Record<string, unknown>; status: number | undefined; id: unknown },
): Promise<void> {
  const { options } = write;
  const target = Object.fromEntries(TARGET_KEYS.filter((key) => typeof options[key] === "number").map((key) => [key, options[key]]));
  const data: Record<string, unknown> = {
    repo: typeof options.owner === "string" && typeof options.repo === "string" ? `${options.owner}/${options.repo}` : null,
    method: write.method,
    route: String(options.url ?? ""),
    target,
    status: write.status ?? null,
    ...(typeof write.id === "number" ? { id: write.id } : {}),
    ...(typeof options.event === "string" ? { event: options.event } : {}),
    ...(typeof options.conclusion === "string" ? { conclusion: options.conclusion } : {}),
  };
  try {
    await audit.record(installation, "github.write", data);
  } catch (error) {
    throw new AuditUnavailableError(`a write to GitHub (${write.method} ${data.route}) could not be recorded in the audit trail: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

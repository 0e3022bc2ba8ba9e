// The check runs one app made on a commit under one name, with the id each
// carries for its writer (`external_id`), so foureyes can tell whether a
// check run it tried to create exists after all.

import type { GitHubClient } from "./octokit.js";

export interface PostedCheckRun {
  id: number;
  externalId: string | null;
  appId: number | null;
}

export async function listCheckRuns(
  octokit: GitHubClient,
  target: { owner: string; repo: string; headSha: string },
  filter: { name: string; appId: number },
): Promise<PostedCheckRun[]> {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner: target.owner,
    repo: target.repo,
    ref: target.headSha,
    check_name: filter.name,
    app_id: filter.appId,
    filter: "all",
    per_page: 100,
  });
  return runs.map((run) => ({ id: run.id, externalId: run.external_id ?? null, appId: run.app?.id ?? null }));
}

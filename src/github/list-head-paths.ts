// Every file path of a commit, in one read of GitHub's recursive tree
// (`GET /repos/{owner}/{repo}/git/trees/{sha}?recursive=1`). GitHub cuts the
// list off past 100,000 entries or 7 MB and says `truncated`: the paths that
// came are kept and the caller is told, so it can say what it may have missed.

import { z } from "zod";

import type { GitHubClient } from "./octokit.js";

export interface HeadPaths {
  paths: string[];
  /** GitHub cut the listing short: a file not listed may still exist. */
  truncated: boolean;
}

const treeSchema = z.object({
  truncated: z.boolean().optional(),
  tree: z.array(z.object({ path: z.string(), type: z.string() })),
});

export async function listHeadPaths(octokit: GitHubClient, target: { owner: string; repo: string }, sha: string): Promise<HeadPaths> {
  const { data } = await octokit.rest.git.getTree({ owner: target.owner, repo: target.repo, tree_sha: sha, recursive: "1" });
  const tree = treeSchema.parse(data);
  return { paths: tree.tree.filter((entry) => entry.type === "blob").map((entry) => entry.path), truncated: tree.truncated === true };
}

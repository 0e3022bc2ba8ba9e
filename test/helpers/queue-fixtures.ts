// A small pull request the worker tests review: one TypeScript file with one
// changed line, the model's comment on it, and the GitHub answers around it.

import { headMarker } from "../../src/core/markers.js";

export const OWNER = "octo-org";
export const REPO = "octo-repo";
export const PULL = 12;
export const HEAD = "1".repeat(40);
export const NEWER_HEAD = "9".repeat(40);
export const INSTALLATION = 4242;

export const FILE_PATH = "src/math.ts";
export const FILE_TEXT = "export function add(a: number, b: number): number {\n  return a - b;\n}\n";
export const FILE_PATCH = "@@ -1,3 +1,3 @@\n export function add(a: number, b: number): number {\n-  return a + b;\n+  return a - b;\n }";

/** What the model answers: one comment on the changed line. */
export const MODEL_ANSWER = JSON.stringify({
  comments: [
    {
      path: FILE_PATH,
      line: 2,
      startLine: null,
      side: "RIGHT",
      severity: "major",
      category: "bug",
      body: "`add` subtracts: `a - b` should be `a + b`.",
    },
  ],
});

export const PR_PATH = `/repos/${OWNER}/${REPO}/pulls/${PULL}`;
export const CONFIG_PATH = new RegExp(`^/repos/${OWNER}/${REPO}/contents/\\.github(/|%2F)foureyes\\.yml`);
export const FILE_CONTENT_PATH = new RegExp(`^/repos/${OWNER}/${REPO}/contents/src(/|%2F)math\\.ts`);
/** The head's file list, read for test-gap detection when a change alters an exported symbol. */
export const HEAD_TREE_PATH = new RegExp(`^/repos/${OWNER}/${REPO}/git/trees/[0-9a-f]{40}\\?recursive=1$`);

/** GitHub's recursive tree of a head holding `paths` (by default the one changed file). */
export function headTreeReply(paths: string[] = [FILE_PATH]) {
  return [200, { sha: HEAD, truncated: false, tree: paths.map((path) => ({ path, mode: "100644", type: "blob", sha: "0".repeat(40) })) }] as const;
}

export function reviewJob(overrides: Record<string, unknown> = {}) {
  return {
    installationId: INSTALLATION,
    owner: OWNER,
    repo: REPO,
    pullNumber: PULL,
    headSha: HEAD,
    event: "pull_request.opened",
    deliveryId: "delivery-1",
    ...overrides,
  };
}

export { headMarker };

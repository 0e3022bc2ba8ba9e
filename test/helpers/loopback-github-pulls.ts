// A loopback GitHub REST server (under /api/v3, reached through GHE_HOST) with
// many open pull requests in one repository, for tests that run many reviews
// through worker processes: pull request N has head `headOf(N)` and changes
// the fixture file; reviews are kept per pull request, written by the app's
// bot account, so the head-marker check of a retried job sees what was posted.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { APP_USER, TEST_APP } from "./app-identity.js";
import { pullRequestJson } from "./github-mock.js";
import { FILE_PATCH, FILE_PATH, FILE_TEXT, OWNER, REPO } from "./queue-fixtures.js";

export interface LoopbackPullsGitHub {
  /** host:port, for GHE_HOST. */
  host: string;
  /** Reviews posted, by pull request number. */
  reviews: Map<number, { body: string; commit_id: string; event: string }[]>;
  /** Requests no route answered ("METHOD path"). */
  unrouted: string[];
  close(): Promise<void>;
}

/** The head commit of pull request `number`. */
export function headOf(number: number): string {
  return number.toString(16).padStart(40, "a");
}

export async function startLoopbackPullsGitHub(pullCount: number): Promise<LoopbackPullsGitHub> {
  const repoPath = `/api/v3/repos/${OWNER}/${REPO}`;
  const pullRoute = new RegExp(`^${repoPath}/pulls/(\\d+)(/files|/comments|/reviews|/reviews/(\\d+)/comments)?$`);
  const github: LoopbackPullsGitHub = {
    host: "",
    reviews: new Map(),
    unrouted: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  let reviewIds = 0;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? "/", "http://loopback");
    const raw = await readBody(req);
    const method = req.method ?? "GET";
    if (method === "POST" && /^\/api\/v3\/app\/installations\/\d+\/access_tokens$/.test(pathname)) {
      return send(res, 201, { token: "ghs_loopback", expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} });
    }
    if (method === "GET" && pathname === "/api/v3/app") return send(res, 200, { id: TEST_APP.id, slug: TEST_APP.slug, name: "foureyes" });
    if (method === "GET" && (pathname === "/api/v3/app/installations" || pathname === "/api/v3/app/hook/deliveries")) return send(res, 200, []);
    if (method === "POST" && pathname === `${repoPath}/check-runs`) return send(res, 201, { id: 1, ...(JSON.parse(raw) as object) });
    if (method === "GET" && decodeURIComponent(pathname) === `${repoPath}/contents/.github/foureyes.yml`) return send(res, 404, { message: "Not Found" });
    if (method === "GET" && decodeURIComponent(pathname) === `${repoPath}/contents/${FILE_PATH}`) {
      res.writeHead(200, { "content-type": "application/vnd.github.raw; charset=utf-8" }).end(FILE_TEXT);
      return;
    }
    if (method === "GET" && pathname.startsWith(`${repoPath}/git/trees/`)) {
      return send(res, 200, { sha: "0".repeat(40), truncated: false, tree: [{ path: FILE_PATH, mode: "100644", type: "blob", sha: "0".repeat(40) }] });
    }
    const pull = pullRoute.exec(pathname);
    const number = Number(pull?.[1]);
    if (pull && number >= 1 && number <= pullCount) return routePull(req, res, { number, part: pull[2] ?? "", reviewId: pull[3], raw });
    github.unrouted.push(`${method} ${pathname}`);
    send(res, 404, { message: `loopback GitHub has no route for ${method} ${pathname}` });
  }

  function routePull(req: IncomingMessage, res: ServerResponse, at: { number: number; part: string; reviewId?: string; raw: string }): void {
    const reviews = github.reviews.get(at.number) ?? [];
    if (req.method === "POST" && at.part === "/reviews") {
      const posted = JSON.parse(at.raw) as { body: string; commit_id: string; event: string };
      const review = { id: (reviewIds += 1), body: posted.body, commit_id: posted.commit_id, event: posted.event, user: APP_USER };
      github.reviews.set(at.number, [...reviews, review]);
      return send(res, 200, review);
    }
    if (req.method !== "GET") {
      github.unrouted.push(`${req.method} ${req.url}`);
      return send(res, 404, { message: "loopback GitHub has no route for this" });
    }
    if (at.part === "") return send(res, 200, pullRequestJson({ owner: OWNER, repo: REPO, number: at.number, headSha: headOf(at.number) }));
    if (at.part === "/files") return send(res, 200, [{ sha: "c".repeat(40), filename: FILE_PATH, status: "modified", additions: 1, deletions: 1, changes: 2, patch: FILE_PATCH }]);
    if (at.part === "/comments") return send(res, 200, []);
    if (at.part === "/reviews") return send(res, 200, reviews);
    // A posted review's inline comments, read back for the audit trail (ids only matter).
    send(res, 200, [{ id: 10_000 + Number(at.reviewId) }]);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, 500, { message: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  github.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return github;
}

function send(res: ServerResponse, status: number, json: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-ratelimit-remaining": "4999" }).end(JSON.stringify(json));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

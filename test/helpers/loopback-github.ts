// A tiny GitHub REST server on loopback for tests whose worker runs in another
// process (nock cannot reach it there): the routes one review needs, reviews
// kept in memory (as written by the app's bot account) so the head-marker
// check sees what was posted, the app's identity (GET /app), every request
// recorded. Served under /api/v3, as GitHub Enterprise Server is, so the
// worker reaches it through GHE_HOST/GHE_PROTOCOL like a real deployment.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { APP_USER, TEST_APP } from "./app-identity.js";
import { pullRequestJson } from "./github-mock.js";
import { FILE_PATCH, FILE_PATH, FILE_TEXT, HEAD, OWNER, PULL, REPO } from "./queue-fixtures.js";

export interface LoopbackRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface PostedReview {
  id: number;
  body: string;
  commit_id: string;
  event: string;
  user: typeof APP_USER;
}

export interface LoopbackGitHub {
  /** host:port, for GHE_HOST. */
  host: string;
  requests: LoopbackRequest[];
  reviews: PostedReview[];
  /** Requests no route answered. */
  unrouted: LoopbackRequest[];
  /** The status GET /app answers (200 with TEST_APP's id and slug); another one stands for bad app credentials. */
  appStatus: number;
  /** The app's installations (none unless a test adds one); each sees the one repository with its open pull request. */
  installations: number[];
  /**
   * Called when a review has been stored, before the answer is sent; the
   * answer waits for the returned promise (to kill the worker in between).
   */
  onReviewStored: (review: PostedReview) => Promise<void> | void;
  /**
   * GitHub's secondary limit on content creation, scaled for a test: a review
   * beyond `limit` in any `windowMs` is answered 403 "secondary rate limit"
   * (with retry-after) and not stored; its arrival time is kept in `limited`.
   */
  reviewLimit?: { limit: number; windowMs: number };
  /** Arrival times (ms) of stored reviews, and of reviews refused by `reviewLimit`. */
  reviewTimes: number[];
  limited: number[];
  close(): Promise<void>;
}

export async function startLoopbackGitHub(): Promise<LoopbackGitHub> {
  const repoPath = `/api/v3/repos/${OWNER}/${REPO}`;
  const prPath = `${repoPath}/pulls/${PULL}`;

  const github: LoopbackGitHub = {
    host: "",
    requests: [],
    reviews: [],
    unrouted: [],
    appStatus: 200,
    installations: [],
    onReviewStored: () => {},
    reviewTimes: [],
    limited: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://loopback");
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as unknown) : undefined;
    const request = { method: req.method ?? "GET", path: url.pathname, body };
    github.requests.push(request);
    const { pathname } = url;
    const get = req.method === "GET";

    if (req.method === "POST" && /^\/api\/v3\/app\/installations\/\d+\/access_tokens$/.test(pathname)) {
      return send(res, 201, { token: "ghs_loopback", expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} });
    }
    // At start-up both processes ask who the app is.
    if (get && pathname === "/api/v3/app") {
      if (github.appStatus !== 200) return send(res, github.appStatus, { message: "A JSON web token could not be decoded" });
      return send(res, 200, { id: TEST_APP.id, slug: TEST_APP.slug, name: "foureyes" });
    }
    // At start-up the worker lists installations to schedule their weekly reports.
    if (get && pathname === "/api/v3/app/installations") {
      return send(res, 200, github.installations.map((id) => ({ id, account: { login: OWNER, type: "Organization" }, suspended_at: null })));
    }
    // The sweep: missed deliveries (none), then each installation's repositories and open pull requests.
    if (get && pathname === "/api/v3/app/hook/deliveries") return send(res, 200, []);
    if (get && pathname === "/api/v3/installation/repositories") {
      return send(res, 200, { total_count: 1, repositories: [{ name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER }, archived: false }] });
    }
    if (get && pathname === `${repoPath}/pulls`) {
      return send(res, 200, [{ ...pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD }), updated_at: new Date().toISOString() }]);
    }
    if (get && pathname === prPath) return send(res, 200, pullRequestJson({ owner: OWNER, repo: REPO, number: PULL, headSha: HEAD }));
    if (get && pathname === `${prPath}/files`) {
      return send(res, 200, [{ sha: "c".repeat(40), filename: FILE_PATH, status: "modified", additions: 1, deletions: 1, changes: 2, patch: FILE_PATCH }]);
    }
    if (get && pathname === `${prPath}/comments`) return send(res, 200, []);
    if (get && decodeURIComponent(pathname) === `${repoPath}/contents/.github/foureyes.yml`) return send(res, 404, { message: "Not Found" });
    if (get && decodeURIComponent(pathname) === `${repoPath}/contents/${FILE_PATH}`) {
      res.writeHead(200, { "content-type": "application/vnd.github.raw; charset=utf-8" }).end(FILE_TEXT);
      return;
    }
    if (get && pathname.startsWith(`${repoPath}/git/trees/`)) {
      return send(res, 200, { sha: HEAD, truncated: false, tree: [{ path: FILE_PATH, mode: "100644", type: "blob", sha: "0".repeat(40) }] });
    }
    if (get && pathname === `${prPath}/reviews`) return send(res, 200, github.reviews);
    // A posted review's inline comments, read back for the audit trail (ids only matter).
    const reviewComments = get ? new RegExp(`^${prPath}/reviews/(\\d+)/comments$`).exec(pathname) : null;
    if (reviewComments) return send(res, 200, [{ id: 10_000 + Number(reviewComments[1]) }]);
    if (req.method === "POST" && pathname === `${prPath}/reviews`) {
      const now = Date.now();
      const { reviewLimit } = github;
      if (reviewLimit && github.reviewTimes.filter((time) => time > now - reviewLimit.windowMs).length >= reviewLimit.limit) {
        github.limited.push(now);
        return send(res, 403, { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }, { "retry-after": "1" });
      }
      github.reviewTimes.push(now);
      const posted = body as { body: string; commit_id: string; event: string };
      const review = { id: github.reviews.length + 1, body: posted.body, commit_id: posted.commit_id, event: posted.event, user: APP_USER };
      github.reviews.push(review);
      await github.onReviewStored(review);
      return send(res, 200, review);
    }
    if (req.method === "POST" && pathname === `${repoPath}/check-runs`) return send(res, 201, { id: 1, ...(body as object) });

    github.unrouted.push(request);
    send(res, 404, { message: `loopback GitHub has no route for ${req.method} ${pathname}` });
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

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  // As GitHub does: what is left of the installation's hourly request budget.
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-ratelimit-remaining": "4999", ...headers }).end(JSON.stringify(json));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

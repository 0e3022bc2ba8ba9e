// GitHub mocked at the HTTP layer: a real Octokit makes real requests, nock
// answers them from the expectations a test registers, and every request is
// recorded (here and in the suite-wide log the advisory-only check reads).
//
// Usage:
//
//   const gh = mockGitHub();                        // { baseUrl?: "https://api.github.com" }
//   const octokit = createTestOctokit(gh);          // ProbotOctokit, fast retries/throttling
//   gh.on("GET", "/repos/o/r/pulls/1", [200, pullRequestJson({ headSha })]);
//   gh.on("POST", /\/reviews$/, (body) => [200, { id: 1, body: body.body }], { times: 2 });
//   gh.onPages("GET", "/repos/o/r/pulls/1/files", [page1, page2, page3]);
//   ... run the code ...
//   gh.requests      // EVERY request in order: { method, path, pathname, query, body, headers, matched }
//   gh.assertDone(); // throws when an expectation went unused or a request matched none
//   gh.close();      // removes the interceptors (call it in afterEach)
//
// Matching: expectations are tried in the order they were registered; the first
// with calls left answers. A string path is compared with the pathname, or with
// pathname+query when it contains "?"; a RegExp is tested against pathname+query.
// `times` defaults to 1 (Infinity for "any number"). A reply is a tuple
// `[status, json?, headers?]` or a function `(body, uri, request) => tuple`.
//
// An unmatched request is answered 400 with a message naming it (400 so no
// retry plugin waits on it), is listed in `gh.unmatched`, makes `assertDone()`
// throw, and fails the running test through the setup file
// test/helpers/record-github-requests.ts. Requests to a mocked GitHub host
// never reach the network, also after close().

import nock from "nock";
import type { ProbotOctokit } from "probot";

import { AdvisoryOctokit } from "../../src/github/octokit.js";
import {
  githubRequestLog,
  liveGitHubMocks,
  type LoggedGitHubRequest,
} from "./github-request-log.js";

export interface RecordedRequest {
  method: string;
  /** Path relative to the API base (a GHES "/api/v3" prefix removed), with the query string. */
  path: string;
  pathname: string;
  query: Record<string, string>;
  /** Parsed JSON body, the raw string when not JSON, undefined when empty. */
  body: unknown;
  headers: Record<string, string>;
  matched: boolean;
}

export type ReplyTuple = readonly [status: number, body?: unknown, headers?: Record<string, string>];
// The body is typed loosely on purpose: tests read fields off it directly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReplyFunction = (body: any, uri: string, request: RecordedRequest) => ReplyTuple | Promise<ReplyTuple>;
export type MockReply = ReplyTuple | ReplyFunction;

export interface Expectation {
  readonly method: string;
  readonly path: string | RegExp;
  readonly times: number;
  /** The requests this expectation answered, in order. */
  readonly calls: RecordedRequest[];
  /** True when it answered as often as `times` (or at least once for Infinity). */
  readonly done: boolean;
}

export interface GitHubMock {
  readonly baseUrl: string;
  on(method: string, path: string | RegExp, reply: MockReply, options?: { times?: number }): Expectation;
  /** Registers one expectation per page with Link headers, as GitHub paginates (`page` query param, 1-based). */
  onPages(method: string, pathname: string, pages: unknown[][]): Expectation[];
  readonly requests: RecordedRequest[];
  readonly unmatched: RecordedRequest[];
  /** Requests with the given method whose path matches (string: pathname equality; RegExp: test). */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[];
  assertDone(): void;
  close(): void;
  readonly closed: boolean;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;

/** Hosts that must never be reached for real from a test; other hosts (loopback model server) stay open. */
const blockedHosts = new Set<string>(["api.github.com"]);

function blockGitHubNetwork(): void {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => !blockedHosts.has(host.replace(/:\d+$/, "")));
}
blockGitHubNetwork();

export function mockGitHub(options: { baseUrl?: string } = {}): GitHubMock {
  const baseUrl = (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  blockedHosts.add(base.hostname);
  blockGitHubNetwork();

  const expectations: (Expectation & { calls: RecordedRequest[]; reply: MockReply })[] = [];
  const requests: RecordedRequest[] = [];
  const unmatched: RecordedRequest[] = [];
  let closed = false;

  const scope = nock(base.origin).persist();
  const interceptors = METHODS.map((method) => {
    const interceptor = scope.intercept((uri) => uri.startsWith(prefix + "/") || uri === prefix, method);
    interceptor.reply(async function (this: nock.ReplyFnContext, uri: string, rawBody: nock.Body) {
      const recorded = recordRequest(method, uri, rawBody, this.req.headers);
      const expectation = expectations.find(
        (candidate) => candidate.calls.length < candidate.times && matches(candidate, recorded),
      );
      if (!expectation) {
        unmatched.push(recorded);
        return [
          400,
          {
            message: `Unmatched request in the GitHub mock: ${method} ${recorded.path}. Register it with gh.on("${method}", ...).`,
          },
        ] as const;
      }
      recorded.matched = true;
      expectation.calls.push(recorded);
      const reply = typeof expectation.reply === "function"
        ? await expectation.reply(recorded.body, recorded.path, recorded)
        : expectation.reply;
      return toNockReply(reply);
    });
    return interceptor;
  });

  function recordRequest(method: string, uri: string, rawBody: nock.Body, headers: Record<string, string>): RecordedRequest {
    const url = new URL(uri, base.origin);
    const pathname = url.pathname.slice(prefix.length) || "/";
    const recorded: RecordedRequest = {
      method,
      path: pathname + url.search,
      pathname,
      query: Object.fromEntries(url.searchParams),
      body: parseBody(rawBody),
      headers: { ...headers },
      matched: false,
    };
    requests.push(recorded);
    const logged: LoggedGitHubRequest = { method, path: recorded.path, body: recorded.body };
    githubRequestLog.record(logged);
    return recorded;
  }

  const mock: GitHubMock = {
    baseUrl,
    on(method, path, reply, opts = {}) {
      const expectation = {
        method: method.toUpperCase(),
        path,
        times: opts.times ?? 1,
        calls: [] as RecordedRequest[],
        reply,
        get done() {
          return this.times === Infinity ? this.calls.length > 0 : this.calls.length >= this.times;
        },
      };
      expectations.push(expectation);
      return expectation;
    },
    onPages(method, pathname, pages) {
      return pages.map((items, index) => {
        const page = index + 1;
        const matcher = new RegExp(`^${escapeRegExp(pathname)}(\\?(?:.*&)?page=${page}(?:&|$)${page === 1 ? "|\\?(?!(?:.*&)?page=)|$" : ""})`);
        return mock.on(method, matcher, (_body, uri) => [200, items, paginationHeaders(baseUrl, uri, page, pages.length)]);
      });
    },
    requests,
    unmatched,
    requestsTo(method, path) {
      return requests.filter(
        (request) => request.method === method.toUpperCase() && (typeof path === "string" ? request.pathname === path : path.test(request.path)),
      );
    },
    assertDone() {
      const problems: string[] = [];
      for (const expectation of expectations) {
        if (!expectation.done) {
          problems.push(
            `unused expectation ${expectation.method} ${String(expectation.path)} (answered ${expectation.calls.length} of ${expectation.times})`,
          );
        }
      }
      for (const request of unmatched) problems.push(`unmatched request ${request.method} ${request.path}`);
      if (problems.length > 0) throw new Error(`GitHub mock: ${problems.join("; ")}`);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const interceptor of interceptors) nock.removeInterceptor(interceptor);
    },
    get closed() {
      return closed;
    },
  };
  liveGitHubMocks.add(mock);
  return mock;
}

function matches(expectation: Expectation, request: RecordedRequest): boolean {
  if (expectation.method !== request.method) return false;
  const { path } = expectation;
  if (typeof path === "string") return path.includes("?") ? path === request.path : path === request.pathname;
  path.lastIndex = 0;
  return path.test(request.path);
}

function parseBody(raw: nock.Body): unknown {
  if (raw === "" || raw === undefined || raw === null) return undefined;
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function toNockReply(reply: ReplyTuple): nock.ReplyFnResult {
  const [status, body, headers] = reply;
  if (body === undefined) return [status, "", headers ?? {}];
  if (typeof body === "string" || Buffer.isBuffer(body)) return [status, body, headers ?? {}];
  return [status, JSON.stringify(body), { "content-type": "application/json; charset=utf-8", ...headers }];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** GitHub's Link header for page `page` of `last` pages of the request at `uri`. */
export function paginationHeaders(baseUrl: string, uri: string, page: number, last: number): Record<string, string> {
  if (last <= 1) return {};
  const url = new URL(baseUrl + uri.replace(/^\/api\/v3/, ""));
  const at = (n: number) => {
    url.searchParams.set("page", String(n));
    return url.toString();
  };
  const links: string[] = [];
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`);
  return { link: links.join(", ") };
}

// ---------------------------------------------------------------------------
// An Octokit for tests: Probot's, with retries and throttling on but fast.

/** A limiter group that never spaces requests (the throttling plugin spaces writes 1–3 s apart). */
const unspacedGroup = {
  key: () => ({
    schedule: (...args: unknown[]) => {
      const [first, ...rest] = args;
      const [fn, fnArgs] = typeof first === "function" ? [first, rest] : [rest[0], rest.slice(1)];
      return Promise.resolve((fn as (...a: unknown[]) => unknown)(...fnArgs));
    },
  }),
};

const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export type TestOctokit = InstanceType<typeof AdvisoryOctokit>;

/**
 * The production Octokit (Probot's, with the advisory guard) pointed at the mock: retries after 1 ms instead of
 * seconds, secondary rate limits retried twice with retry-after in ms, no write spacing.
 */
export function createTestOctokit(gh?: Pick<GitHubMock, "baseUrl">): TestOctokit {
  const throttle = {
    enabled: true,
    retryAfterBaseValue: 1,
    fallbackSecondaryRateRetryAfter: 1,
    write: unspacedGroup,
    notifications: unspacedGroup,
    search: unspacedGroup,
    onSecondaryRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 2,
    onRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 2,
  };
  return new AdvisoryOctokit({
    auth: { token: "test-token" },
    baseUrl: gh?.baseUrl ?? "https://api.github.com",
    log: quietLog,
    retry: { retryAfterBaseValue: 1 },
    throttle: throttle as unknown as ConstructorParameters<typeof ProbotOctokit>[0] extends infer O
      ? O extends { throttle?: infer T } ? T : never
      : never,
  });
}

// ---------------------------------------------------------------------------
// Reply builders for the common endpoints.

export interface PullRequestFields {
  owner?: string;
  repo?: string;
  number?: number;
  headSha?: string;
  baseSha?: string;
  title?: string;
  body?: string | null;
  draft?: boolean;
  state?: "open" | "closed";
  userLogin?: string;
  userType?: "User" | "Bot" | "Organization";
  defaultBranch?: string;
  baseRef?: string;
  headRef?: string;
  /** The pull request's web page; github.com by default, a GitHub Enterprise host when a test says so. */
  htmlUrl?: string;
}

/** A pulls.get response with the fields foureyes reads (and the usual neighbours). */
export function pullRequestJson(fields: PullRequestFields = {}): Record<string, unknown> {
  const owner = fields.owner ?? "octo-org";
  const repo = fields.repo ?? "octo-repo";
  const number = fields.number ?? 1;
  const repoJson = {
    id: 1296269,
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { login: owner, type: "Organization" },
    private: true,
    default_branch: fields.defaultBranch ?? "main",
  };
  return {
    url: `https://api.github.com/repos/${owner}/${repo}/pulls/${number}`,
    html_url: fields.htmlUrl ?? `https://github.com/${owner}/${repo}/pull/${number}`,
    id: 1000 + number,
    number,
    state: fields.state ?? "open",
    locked: false,
    title: fields.title ?? "Add a feature",
    body: fields.body === undefined ? "What this change does." : fields.body,
    draft: fields.draft ?? false,
    merged: false,
    user: { login: fields.userLogin ?? "octocat", id: 1, type: fields.userType ?? "User" },
    head: { label: `${owner}:${fields.headRef ?? "feature"}`, ref: fields.headRef ?? "feature", sha: fields.headSha ?? "a".repeat(40), repo: repoJson },
    base: { label: `${owner}:${fields.baseRef ?? "main"}`, ref: fields.baseRef ?? "main", sha: fields.baseSha ?? "b".repeat(40), repo: repoJson },
  };
}

export interface ChangedFileFields {
  filename: string;
  status?: string;
  additions?: number;
  deletions?: number;
  patch?: string;
  previous_filename?: string;
}

/** One entry of pulls.listFiles. */
export function changedFileJson(file: ChangedFileFields): Record<string, unknown> {
  const json: Record<string, unknown> = {
    sha: "c".repeat(40),
    filename: file.filename,
    status: file.status ?? "modified",
    additions: file.additions ?? 1,
    deletions: file.deletions ?? 0,
    changes: (file.additions ?? 1) + (file.deletions ?? 0),
  };
  if (file.patch !== undefined) json.patch = file.patch;
  if (file.previous_filename !== undefined) json.previous_filename = file.previous_filename;
  return json;
}

/** A repos.getContent JSON answer (base64), as GitHub sends it for files up to 1 MB. */
export function contentJson(path: string, text: string | Buffer): Record<string, unknown> {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  return {
    type: "file",
    encoding: "base64",
    size: bytes.length,
    name: path.split("/").pop(),
    path,
    sha: "d".repeat(40),
    content: bytes.toString("base64").replace(/(.{60})/g, "$1\n"),
  };
}

/** A repos.getContent answer for the raw media type: the bytes themselves. */
export function rawContentReply(content: string | Buffer): ReplyTuple {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  const binary = typeof content !== "string";
  return [
    200,
    bytes,
    {
      "content-type": binary ? "application/octet-stream" : "application/vnd.github.raw; charset=utf-8",
      "content-length": String(bytes.length),
    },
  ];
}

/** GitHub's 404 body. */
export function notFoundReply(): ReplyTuple {
  return [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" }];
}

/** A check run as checks.create answers. */
export function checkRunReply(body: Record<string, unknown>, id = 4): ReplyTuple {
  return [201, { id, ...body }];
}

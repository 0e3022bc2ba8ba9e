// The suite-wide record of every request the GitHub mock answered, kept on
// globalThis (so the setup file and the mock share it whatever module graph
// they load in) and appended as JSON lines to a file for the whole run.
// No nock here: the setup file imports this in every test file.

import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LoggedGitHubRequest {
  method: string;
  path: string;
  body: unknown;
  /** The test file that made it (set when known). */
  file?: string;
}

interface LiveMock {
  readonly unmatched: { method: string; path: string }[];
  readonly closed: boolean;
}

interface SharedState {
  requests: LoggedGitHubRequest[];
  mocks: Set<LiveMock>;
  currentFile?: string;
}

const key = Symbol.for("foureyes.github-request-log");
const holder = globalThis as unknown as Record<symbol, SharedState | undefined>;
const state: SharedState = (holder[key] ??= { requests: [], mocks: new Set() });

/**
 * One file per vitest run: the workers are children of the main vitest process,
 * so its pid names the run. FOUREYES_GITHUB_REQUEST_LOG overrides the path.
 */
export const githubRequestLogPath =
  process.env.FOUREYES_GITHUB_REQUEST_LOG ?? join(tmpdir(), `foureyes-github-requests-${process.ppid}.jsonl`);

export const githubRequestLog = {
  record(request: LoggedGitHubRequest): void {
    const entry = { ...request, file: request.file ?? state.currentFile };
    state.requests.push(entry);
    try {
      appendFileSync(githubRequestLogPath, JSON.stringify(entry) + "\n");
    } catch {
      // The in-memory record is what the check reads; the file is for people.
    }
  },
  /** Requests recorded in this worker since `reset`. */
  all(): readonly LoggedGitHubRequest[] {
    return state.requests;
  },
  reset(file?: string): void {
    state.requests.length = 0;
    state.currentFile = file;
  },
};

/**
 * Mocks of this test file, so the setup file can fail a test that made an
 * unmatched request (it drops the closed ones after checking them).
 */
export const liveGitHubMocks = state.mocks;

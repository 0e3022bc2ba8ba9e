// `foureyes learning export`: what the teams taught foureyes, as JSON, for
// review or for a move to another Redis. Reads Redis as the worker has it
// (REDIS_URL, FOUREYES_QUEUE_PREFIX). Keys are stored lower-case, as GitHub
// names compare. Exit codes: 0 done, 1 an unexpected error, 2 something the
// user must fix.

import { connectRedis } from "../../queues/connection.js";
import { loadServerEnv } from "../config/server-env.js";
import { dismissedPatterns } from "../learning/dismissed-patterns.js";
import { createLearningStore } from "../learning/learning-store.js";
import { CliUsageError } from "./cli-error.js";

export interface LearningIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface LearningExportOptions {
  repo?: string;
  installation?: string;
}

export async function runLearningExport(options: LearningExportOptions, io: LearningIo): Promise<number> {
  try {
    const filter = exportFilter(options);
    const redis = await connectRedis(loadServerEnv(io.env), { role: "producer" });
    try {
      const store = createLearningStore(redis, io.env.FOUREYES_QUEUE_PREFIX || "foureyes");
      const repositories = (await store.repositories()).filter(
        (key) => (!filter.repo || `${key.owner}/${key.repo}` === filter.repo) && (filter.installation === undefined || key.installationId === filter.installation),
      );
      const exported = [];
      for (const key of repositories) {
        const signals = await store.list(key);
        exported.push({ installationId: key.installationId, repository: `${key.owner}/${key.repo}`, signals, dismissedPatterns: dismissedPatterns(signals) });
      }
      io.stdout(`${JSON.stringify({ exportedAt: new Date().toISOString(), repositories: exported }, null, 2)}\n`);
      return 0;
    } finally {
      await redis.quit();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`foureyes learning: ${message}\n`);
    return error instanceof CliUsageError || (error instanceof Error && error.name === "RedisUnreachableError") ? 2 : 1;
  }
}

function exportFilter(options: LearningExportOptions): { repo?: string; installation?: number } {
  const filter: { repo?: string; installation?: number } = {};
  if (options.repo !== undefined) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(options.repo)) throw new CliUsageError(`--repo takes owner/name, got ${JSON.stringify(options.repo)}`);
    filter.repo = options.repo.toLowerCase();
  }
  if (options.installation !== undefined) {
    const id = Number(options.installation);
    if (!Number.isInteger(id) || id <= 0) throw new CliUsageError(`--installation takes a number, got ${JSON.stringify(options.installation)}`);
    filter.installation = id;
  }
  return filter;
}

import { availableParallelism } from "node:os";

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/redis-global-setup.ts"],
    setupFiles: ["test/helpers/record-github-requests.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Vitest's default (one fewer than the cores) runs one file at a time on two cores, yet many
    // files spend most of their time waiting on child processes, Redis and sockets: two files at
    // once take the suite from about 8 to about 5 minutes there. More than two did not go faster.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});

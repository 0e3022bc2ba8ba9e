import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/redis-global-setup.ts"],
    setupFiles: ["test/helpers/record-github-requests.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

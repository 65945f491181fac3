import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Spawned-CLI and loopback tests compete for the 2 cores of CI; keep the pool small.
    pool: "forks",
    maxWorkers: 2,
  },
});

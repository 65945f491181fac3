import { configDefaults, defineConfig } from "vitest/config";

/**
 * Most test files share their worker and its module cache (`isolate: false`): the AWS SDK, the IAM
 * action catalogue, secretlint and the checks load once per worker instead of once per file. Those
 * files leave nothing behind: environment changes go through vi.stubEnv (undone after each test, see
 * `unstubEnvs`), SDK mocks are restored after each test, servers and browsers close in afterAll.
 * The CLI and end-to-end files get a process each: their in-process CLI runs swap the AWS_* variables
 * of process.env (the SDK reads them there), and they spawn the built bin.
 */
const OWN_PROCESS = ["test/cli/**/*.test.ts", "test/e2e/**/*.test.ts"];

export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    unstubEnvs: true,
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "shared", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, ...OWN_PROCESS], isolate: false },
      },
      { extends: true, test: { name: "own-process", include: OWN_PROCESS, isolate: true } },
    ],
  },
});

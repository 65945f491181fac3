import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * Most test files share their worker and its module cache (`isolate: false`): the AWS SDK, the IAM
 * action catalogue, secretlint and the checks load once per worker instead of once per file. Those
 * files leave nothing behind: environment changes go through vi.stubEnv (undone after each test, see
 * `unstubEnvs`), SDK mocks are restored after each test, servers and browsers close in afterAll.
 *
 * A file gets a process of its own when it cannot share one:
 * - the end-to-end tests: they start stubs and hostile endpoints and time real timeouts, which a
 *   worker's leftover state (keep-alive sockets, timers) must not disturb. (The CLI tests share a
 *   worker: runCliInProcess swaps the AWS_* variables of process.env only for the length of one run
 *   and restores them, and a worker runs one file at a time.)
 * - any file that mocks or resets modules (vi.mock, vi.doMock, vi.resetModules): it needs a module
 *   graph of its own, and would see the modules other files already loaded. Found by reading the
 *   files, so a new one is never run shared by mistake.
 */
const MODULE_MOCKS = /\bvi\.(mock|doMock|resetModules)\(/;

function filesMockingModules(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => join(directory, file))
    .filter((file) => MODULE_MOCKS.test(readFileSync(file, "utf8")));
}

const OWN_PROCESS = ["test/e2e/**/*.test.ts", ...filesMockingModules("test")];

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

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
/** The built bin: `npm test` runs tsc, which type-checks and emits dist/, beside vitest (scripts/test.mjs). */
export const CLI = join(ROOT, "dist", "src", "cli", "main.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd?: string;
  /** Added to the scrubbed environment: LAMBDA_POSTURE_* options, or AWS_* variables for the SDK. */
  env?: Record<string, string>;
}

/**
 * The environment of a CLI run: this process's, without any AWS_ or LAMBDA_POSTURE_ variable so that
 * nothing on the developer's machine leaks in (no real credentials, profile or config files), the
 * instance metadata service off, no colour; then the test's own variables.
 */
export function cliEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(AWS_|LAMBDA_POSTURE_)/.test(key)) env[key] = value;
  }
  return {
    ...env,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    NO_COLOR: "1",
    ...extra,
  };
}

let builtChecked = false;

/**
 * Tests that spawn the CLI run the compiled JavaScript in dist/, as users do. When vitest runs on its
 * own after an edit, a missing or stale dist/ fails the test at once with the command to run, rather
 * than letting it exercise yesterday's code.
 */
/** The longest a test waits for `npm test`'s build: several times what it takes on a loaded 2-core machine. */
const BUILD_WAIT_MS = 300_000;

/**
 * Under `npm test` (scripts/test.mjs) the build runs beside vitest: wait for its marker, and fail with
 * the compiler's errors if it failed. Blocking (Atomics.wait) so that synchronous callers keep working.
 */
function awaitConcurrentBuild(marker: string): void {
  const started = Date.now();
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(marker)) {
    if (Date.now() - started > BUILD_WAIT_MS) throw new Error(`npm test's build did not finish within ${BUILD_WAIT_MS / 1000} s`);
    Atomics.wait(sleeper, 0, 0, 100);
  }
  let build: { code: number; output: string } | undefined;
  // The marker is written in one call; a read that races it sees a partial file: read again.
  while (build === undefined) {
    try {
      build = JSON.parse(readFileSync(marker, "utf8")) as { code: number; output: string };
    } catch {
      if (Date.now() - started > BUILD_WAIT_MS) throw new Error(`npm test's build marker ${marker} is unreadable`);
      Atomics.wait(sleeper, 0, 0, 20);
    }
  }
  if (build.code !== 0) throw new Error(`the build failed (tsc exit ${build.code}):\n${build.output}`);
}

export function assertBuilt(): void {
  if (builtChecked) return;
  const marker = process.env.LAMBDA_POSTURE_BUILD_MARKER;
  if (marker) awaitConcurrentBuild(marker);
  const stale: string[] = [];
  for (const folder of ["src", "checks", "stub"]) {
    const sources = readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
      .map((entry) => join(entry.parentPath, entry.name));
    for (const source of sources) {
      const built = join(ROOT, "dist", relative(ROOT, source)).replace(/\.ts$/, ".js");
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs) stale.push(relative(ROOT, source));
    }
  }
  if (stale.length > 0) {
    const named = `${stale.slice(0, 3).join(", ")}${stale.length > 3 ? ` and ${stale.length - 3} more` : ""}`;
    throw new Error(`dist/ is missing or older than ${named}: run \`npm run build\` (npm test builds while vitest runs)`);
  }
  builtChecked = true;
}

/** Runs the built CLI as a child process, as a user would. Keep these few: each costs a Node start. */
export function spawnCli(args: string[], options: CliRunOptions = {}): CliRun {
  assertBuilt();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnvironment(options.env),
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

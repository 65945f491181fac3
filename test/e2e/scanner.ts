import { spawn } from "node:child_process";
import { parseScanResult } from "../../src/diff/index.js";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { check } from "../../src/index.js";
import type { ScanResult } from "../../src/engine/result-schema.js";
import { writeSnapshot } from "../../src/snapshot/io.js";
import type { Snapshot } from "../../src/snapshot/schema.js";
import { assertBuilt } from "../support/cli.js";
import { runCliInProcess } from "../support/run-cli.js";
import { expandedFindings } from "../../src/engine/result-index.js";

/**
 * Runs lambda-posture against the loopback stub the way a user does: the CLI, configured only by the
 * environment (AWS_ENDPOINT_URL, fake static credentials). `scanner` runs it in this process through
 * runCli(argv, io) (the SDK modules load once per test file instead of once per run); `spawnedScanner`
 * runs the built bin as a child process (`node dist/src/cli/main.js`), for the scans that must prove
 * the real process works.
 */
export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const CLI_ENTRY = join(REPO_ROOT, "dist", "src", "cli", "main.js");

export interface RunOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ScanOutcome extends RunOutcome {
  result?: ScanResult;
  snapshot?: Snapshot;
}

export function runNode(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<RunOutcome> {
  assertBuilt();
  return new Promise((resolvePromise, reject) => {
    // Only what the child needs: no inherited AWS_* variables, no real credentials, no proxies.
    const childEnv: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tmpdir(), ...env };
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

export async function scratchDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "lambda-posture-e2e-"));
}

export interface Scanner {
  /** `scan`: collect and check in one run; also keeps the snapshot. */
  scan(env: Record<string, string>, regions: string[]): Promise<ScanOutcome>;
  /** `collect`: the snapshot only. */
  collect(env: Record<string, string>, regions: string[]): Promise<ScanOutcome>;
  /** `check --snapshot`: offline. */
  check(snapshot: Snapshot): Promise<ScanOutcome>;
}

export async function evaluate(snapshot: Snapshot): Promise<ScanResult> {
  return check(snapshot);
}

type Run = (args: string[], env: Record<string, string>) => Promise<RunOutcome>;

/** scan, collect and check through one way of running the CLI, reading what it wrote. */
function scannerRunning(run: Run): Scanner {
  return {
    async scan(env, regions) {
      const dir = await scratchDir();
      const resultFile = join(dir, "result.json");
      const snapshotFile = join(dir, "snapshot.json");
      const outcome = await run(
        ["scan", "--regions", regions.join(","), "--format", "json", "--output", resultFile, "--snapshot-out", snapshotFile, "--quiet"],
        env,
      );
      return {
        ...outcome,
        ...(existsSync(resultFile) ? { result: parseScanResult(JSON.parse(await readFile(resultFile, "utf8")), resultFile) } : {}),
        ...(existsSync(snapshotFile) ? { snapshot: JSON.parse(await readFile(snapshotFile, "utf8")) as Snapshot } : {}),
      };
    },
    async collect(env, regions) {
      const dir = await scratchDir();
      const snapshotFile = join(dir, "snapshot.json");
      const outcome = await run(["collect", "--regions", regions.join(","), "--output", snapshotFile, "--quiet"], env);
      return {
        ...outcome,
        ...(existsSync(snapshotFile) ? { snapshot: JSON.parse(await readFile(snapshotFile, "utf8")) as Snapshot } : {}),
      };
    },
    async check(snapshot) {
      const dir = await scratchDir();
      const snapshotFile = join(dir, "snapshot.json");
      const resultFile = join(dir, "result.json");
      await writeSnapshot(snapshotFile, snapshot);
      const outcome = await run(["check", "--snapshot", snapshotFile, "--format", "json", "--output", resultFile, "--quiet"], {});
      return {
        ...outcome,
        ...(existsSync(resultFile) ? { result: parseScanResult(JSON.parse(await readFile(resultFile, "utf8")), resultFile) } : {}),
      };
    },
  };
}

/** The CLI in this process, through runCli(argv, io) with captured streams (test/support/run-cli.ts). */
export const scanner: Scanner = scannerRunning(async (args, env) => {
  const { code, stdout, stderr } = await runCliInProcess(args, { env });
  return { exitCode: code ?? 1, stdout, stderr };
});

/** The built CLI as a child process (`node dist/src/cli/main.js`, built by `npm test` before vitest). */
export const spawnedScanner: Scanner = scannerRunning((args, env) => runNode([CLI_ENTRY, ...args], env));

/** Evidence without the time it was judged at (the collection time, which differs between scans). */
function timeless(evidence: unknown): unknown {
  return JSON.parse(JSON.stringify(evidence, (key, value: unknown) => (key === "judgedAt" ? undefined : value)));
}

/** What two scans must agree on: one entry per check and resource. */
export function comparableFindings(result: ScanResult): Map<string, { status: string; reason: string; evidence: unknown }> {
  return new Map(
    [...expandedFindings(result)]
      .sort((a, b) => `${a.checkId} ${a.resource.arn}`.localeCompare(`${b.checkId} ${b.resource.arn}`))
      .map((finding) => [
        `${finding.checkId} ${finding.resource.arn}`,
        { status: finding.status, reason: finding.reason, evidence: timeless(finding.evidence) },
      ]),
  );
}

import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { OrganizationResult } from "../src/engine/organization.js";
import { DEFAULT_ACCOUNT_CONCURRENCY } from "../src/library/account-selection.js";
import { organizationFloor } from "../stub/account-stats.js";
import { stubEnvironment } from "../stub/clients.js";
import { startStub } from "../stub/server.js";
import { generateSyntheticOrganization } from "../stub/synthetic-organization.js";

/**
 * The organisation part of `npm run bench` (issue 12): `lambda-posture scan --organization` as a child
 * process against the stub serving a synthetic AWS Organization, every member with its own quota
 * buckets. Each configuration runs `repeats` times; the figures are the medians.
 *
 * - 20 accounts × 100 functions × 2 regions at --account-concurrency 20 and 1: wall time against the
 *   organisation's floor (the slowest account's quota floor, stub/account-stats.ts organizationFloor);
 * - 100 accounts × 20 functions × 2 regions at the default concurrency: wall and peak RSS;
 * - a sweep of --account-concurrency over 100 accounts × 20 functions (more accounts than the largest
 *   setting, so every setting has a queue): what the default is chosen from.
 *
 * Opt in with `npm run bench -- --organization` (after the single-account sizes) or
 * `npm run bench -- --only organization` (this part alone); `--repeats N` (default 2) and
 * `--sweep 1,4,8` change what is run.
 */

export interface OrganizationBenchArgs {
  enabled: boolean;
  only: boolean;
  repeats: number;
  sweep: number[];
  /** The arguments left for bench/run.ts. */
  rest: string[];
}

const DEFAULT_SWEEP = [4, 8, 16, 32];

/** Takes this part's flags out of the benchmark's arguments. */
export function organizationBenchArgs(argv: readonly string[]): OrganizationBenchArgs {
  const args: OrganizationBenchArgs = { enabled: false, only: false, repeats: 2, sweep: DEFAULT_SWEEP, rest: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    if (flag === "--organization") args.enabled = true;
    else if (flag === "--only" && value === "organization") {
      args.enabled = true;
      args.only = true;
      i += 1;
    } else if (flag === "--repeats" && value) {
      args.repeats = Number(value);
      i += 1;
    } else if (flag === "--sweep" && value) {
      args.sweep = value.split(",").map(Number);
      i += 1;
    } else args.rest.push(flag);
  }
  if (!Number.isInteger(args.repeats) || args.repeats < 1) throw new Error("--repeats takes a whole number of at least 1");
  if (args.sweep.some((n) => !Number.isInteger(n) || n < 1 || n > 64)) throw new Error("--sweep takes account concurrencies from 1 to 64");
  return args;
}

/** What bench/run.ts lends this part, so that both measure a child the same way. */
export interface BenchKit {
  cli: string;
  dir: string;
  latencyMs: number;
  runChild(args: string[], env: Record<string, string>, dir: string): Promise<{ exitCode: number; stderr: string; wallSeconds: number; peakRssMiB: number | null; cpuSeconds?: number }>;
}

export interface OrganizationShape {
  accounts: number;
  functionsPerAccount: number;
  regions: string[];
}

export interface OrganizationRun {
  wallSeconds: number;
  /** The slowest account's quota floor: what an organisation run in parallel cannot go below. */
  floorSeconds: number;
  slowestAccount: string | null;
  bindingBucket: string | null;
  /** The sum of every account's floor: what one account after another cannot go below. */
  sequentialFloorSeconds: number;
  ratio: number;
  peakRssMiB: number | null;
  /**
   * The scanner's CPU time (user + system). Its JavaScript runs on one thread, so on an idle machine
   * the run cannot take less than this either: where it exceeds the floor, the scanner is CPU-bound.
   */
  scannerCpuSeconds: number | null;
  /** The stub's CPU time (this process, serving every account), on the same cores. */
  stubCpuSeconds: number;
  /** The machine's 1-minute load average when the run started and ended (2 means two busy cores). */
  loadAverage: [number, number];
  accountsScanned: number | null;
  gaps: number | null;
  throttlingAnswers: number;
  stubEventLoopDelayMaxMs: number;
  exitCode: number;
  stderrTail?: string;
}

export interface OrganizationMeasurement {
  label: string;
  shape: OrganizationShape;
  accountConcurrency: number;
  command: string;
  runs: OrganizationRun[];
  median: { wallSeconds: number; floorSeconds: number; ratio: number; peakRssMiB: number | null; scannerCpuSeconds: number | null };
}

const REGIONS = ["us-east-1", "eu-west-1"];
const SEED = 20261201;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function scanArguments(shape: OrganizationShape, accountConcurrency: number, outputDir: string, roleName: string): string[] {
  return ["scan", "--organization", "--role-name", roleName, "--regions", shape.regions.join(","), "--account-concurrency", String(accountConcurrency), "--output-dir", outputDir, "--format", "json", "--quiet"];
}

async function organizationJson(outputDir: string): Promise<OrganizationResult | undefined> {
  if (!existsSync(outputDir)) return undefined;
  const name = (await readdir(outputDir)).find((entry) => /^lambda-posture-organization-.*\.json$/.test(entry));
  return name ? (JSON.parse(await readFile(join(outputDir, name), "utf8")) as OrganizationResult) : undefined;
}

async function runOnce(kit: BenchKit, shape: OrganizationShape, accountConcurrency: number, outputDir: string): Promise<OrganizationRun> {
  const organization = generateSyntheticOrganization({ accounts: shape.accounts, functionsPerAccount: shape.functionsPerAccount, regions: shape.regions, seed: SEED });
  const stub = await startStub({ account: organization.management, members: organization.members, seed: SEED, latencyMs: kit.latencyMs, recordCalls: false });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    await mkdir(outputDir, { recursive: true });
    const loadAtStart = loadavg()[0] as number;
    const stubCpu = process.cpuUsage();
    loopDelay.enable();
    const child = await kit.runChild(
      [kit.cli, ...scanArguments(shape, accountConcurrency, outputDir, organization.readerRoleName)],
      stubEnvironment(stub.url, { AWS_REGION: shape.regions[0] as string }),
      kit.dir,
    );
    loopDelay.disable();
    const stubCpuUsed = process.cpuUsage(stubCpu);
    const stats = stub.stats();
    const floor = organizationFloor(stats.byAccount);
    const result = await organizationJson(outputDir);
    const floorSeconds = floor.slowest?.seconds ?? 0;
    return {
      wallSeconds: round(child.wallSeconds),
      floorSeconds: round(floorSeconds),
      slowestAccount: floor.slowest?.accountId ?? null,
      bindingBucket: floor.slowest?.bindingBucket ?? null,
      sequentialFloorSeconds: round(floor.sequentialSeconds),
      ratio: floorSeconds > 0 ? round(child.wallSeconds / floorSeconds) : 0,
      peakRssMiB: child.peakRssMiB,
      scannerCpuSeconds: child.cpuSeconds !== undefined ? round(child.cpuSeconds, 1) : null,
      stubCpuSeconds: round((stubCpuUsed.user + stubCpuUsed.system) / 1e6, 1),
      loadAverage: [round(loadAtStart, 1), round(loadavg()[0] as number, 1)],
      accountsScanned: result?.summary.accounts.scanned ?? null,
      gaps: result?.summary.counts.gaps ?? null,
      throttlingAnswers: Object.values(stats.throttled).reduce((a, b) => a + b, 0),
      stubEventLoopDelayMaxMs: round(loopDelay.max / 1e6, 1),
      exitCode: child.exitCode,
      ...(child.exitCode > 1 ? { stderrTail: child.stderr.slice(-2000) } : {}),
    };
  } finally {
    loopDelay.disable();
    await stub.close();
  }
}

async function measure(kit: BenchKit, label: string, shape: OrganizationShape, accountConcurrency: number, repeats: number): Promise<OrganizationMeasurement> {
  const runs: OrganizationRun[] = [];
  for (let repeat = 1; repeat <= repeats; repeat += 1) {
    process.stderr.write(`bench: organisation ${label}: ${shape.accounts} accounts × ${shape.functionsPerAccount} functions, --account-concurrency ${accountConcurrency}, run ${repeat} of ${repeats}...\n`);
    const run = await runOnce(kit, shape, accountConcurrency, join(kit.dir, `organization-${shape.accounts}x${shape.functionsPerAccount}-c${accountConcurrency}-${repeat}`));
    runs.push(run);
    process.stderr.write(
      `bench:   ${run.wallSeconds} s wall, floor ${run.floorSeconds} s (${run.bindingBucket ?? "n/a"} in ${run.slowestAccount ?? "n/a"}), ratio ${run.ratio}, scanner CPU ${run.scannerCpuSeconds ?? "n/a"} s, stub CPU ${run.stubCpuSeconds} s, load ${run.loadAverage.join("→")}, ` +
        `${run.accountsScanned ?? "n/a"} accounts scanned, ${run.throttlingAnswers} throttled, ${run.gaps ?? "n/a"} gaps, peak RSS ${run.peakRssMiB ?? "n/a"} MiB, exit ${run.exitCode}\n`,
    );
  }
  const medianOf = (values: (number | null)[], digits: number) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length > 0 ? round(median(known), digits) : null;
  };
  return {
    label,
    shape,
    accountConcurrency,
    command: `node dist/src/cli/main.js ${scanArguments(shape, accountConcurrency, "DIR", "lambda-posture-reader").join(" ")}`,
    runs,
    median: {
      wallSeconds: round(median(runs.map((run) => run.wallSeconds))),
      floorSeconds: round(median(runs.map((run) => run.floorSeconds))),
      ratio: round(median(runs.map((run) => run.ratio))),
      peakRssMiB: medianOf(runs.map((run) => run.peakRssMiB), 1),
      scannerCpuSeconds: medianOf(runs.map((run) => run.scannerCpuSeconds), 1),
    },
  };
}

export interface OrganizationBench {
  repeats: number;
  defaultAccountConcurrency: number;
  measurements: OrganizationMeasurement[];
}

const TWENTY_BY_HUNDRED: OrganizationShape = { accounts: 20, functionsPerAccount: 100, regions: REGIONS };
const HUNDRED_BY_TWENTY: OrganizationShape = { accounts: 100, functionsPerAccount: 20, regions: REGIONS };

export async function benchOrganization(kit: BenchKit, args: OrganizationBenchArgs): Promise<OrganizationBench> {
  const measurements: OrganizationMeasurement[] = [];
  measurements.push(await measure(kit, "20 × 100, concurrency 20", TWENTY_BY_HUNDRED, 20, args.repeats));
  const sweep = [...new Set([...args.sweep, DEFAULT_ACCOUNT_CONCURRENCY])].sort((a, b) => a - b);
  for (const concurrency of sweep) measurements.push(await measure(kit, `100 × 20, concurrency ${concurrency}`, HUNDRED_BY_TWENTY, concurrency, args.repeats));
  // The longest run (one account after another) last, shown second beside its concurrency-20 twin.
  measurements.splice(1, 0, await measure(kit, "20 × 100, concurrency 1", TWENTY_BY_HUNDRED, 1, args.repeats));
  return { repeats: args.repeats, defaultAccountConcurrency: DEFAULT_ACCOUNT_CONCURRENCY, measurements };
}

/** The figures block of docs/performance.md between the bench-organization markers. */
export function organizationMarkdown(bench: OrganizationBench, header: { generatedAt: string; revision: string; command: string; node: string; cpus: number; latencyMs: number }): string {
  const lines = [
    `Measured ${header.generatedAt} at ${header.revision} with \`${header.command}\` (Node ${header.node}, ${header.cpus} CPUs shared with other work, stub latency ${header.latencyMs} ms; the default --account-concurrency was ${bench.defaultAccountConcurrency}). Medians of ${bench.repeats} runs; every run is in bench/results/latest.json.`,
    "",
    "| accounts × functions (2 regions) | --account-concurrency | wall (s) | organisation floor (s) | wall / floor | scanner CPU (s) | peak RSS (MiB) | runs: wall (s) | runs: load average at start | accounts scanned | throttling answers | gaps |",
    "|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|",
  ];
  for (const m of bench.measurements) {
    const runs = m.runs;
    lines.push(
      `| ${m.shape.accounts} × ${m.shape.functionsPerAccount} | ${m.accountConcurrency} | ${m.median.wallSeconds} | ${m.median.floorSeconds} | ${m.median.ratio} | ${m.median.scannerCpuSeconds ?? "n/a"} | ${m.median.peakRssMiB ?? "n/a"} | ${runs.map((run) => run.wallSeconds).join(", ")} | ${runs.map((run) => run.loadAverage[0]).join(", ")} | ${runs.map((run) => run.accountsScanned ?? "n/a").join(", ")} | ${runs.map((run) => run.throttlingAnswers).join(", ")} | ${runs.map((run) => run.gaps ?? "n/a").join(", ")} |`,
    );
  }
  return lines.join("\n");
}

/** Keeps the organisation figures of an earlier run in latest.json when this run did not measure them. */
export async function withOrganizationResults<T extends object>(resultsFile: string, results: T, organization: OrganizationBench | null): Promise<T & { organization?: unknown }> {
  if (organization) return { ...results, organization };
  if (!existsSync(resultsFile)) return results;
  try {
    const previous = (JSON.parse(await readFile(resultsFile, "utf8")) as { organization?: unknown }).organization;
    return previous === undefined ? results : { ...results, organization: previous };
  } catch (error) {
    process.stderr.write(`bench: could not keep the earlier organisation figures of ${resultsFile}: ${String(error)}\n`);
    return results;
  }
}

/** `--only organization`: only the organisation key of latest.json changes. */
export async function saveOrganizationOnly(resultsFile: string, organization: OrganizationBench, extra: Record<string, unknown>): Promise<void> {
  const previous = existsSync(resultsFile) ? (JSON.parse(await readFile(resultsFile, "utf8")) as Record<string, unknown>) : {};
  await writeFile(resultsFile, `${JSON.stringify({ ...previous, organization: { ...extra, ...organization } }, null, 2)}\n`);
}

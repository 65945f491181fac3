import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readScanResult } from "../src/diff/index.js";
import type { ScanResult } from "../src/engine/result-schema.js";
import { writeSnapshot } from "../src/snapshot/io.js";
import type { StubAccount } from "../stub/account.js";
import { stubEnvironment } from "../stub/clients.js";
import { DEFAULT_QUOTAS, quotaFloor, type FloorBreakdown } from "../stub/quotas.js";
import { startStub } from "../stub/server.js";
import { generateSyntheticAccount, syntheticSnapshot } from "../stub/synthetic.js";
import { checkComparisonMarkdown, compareCheck, DEFAULT_CHECK_REFERENCE, type CheckComparison } from "./check-comparison.js";
import { benchOrganization, organizationBenchArgs, organizationMarkdown, saveOrganizationOnly, withOrganizationResults } from "./organization.js";
import { benchReportFormats } from "./report-formats.js";

/**
 * `npm run bench`: the whole CLI, as a child process, against the loopback stub with AWS's quotas
 * enforced (DESIGN section 9), over synthetic accounts of 100, 1,000 and 5,000 functions; then
 * `check` over a 10,000-function snapshot. Prints and saves (bench/results/latest.json, and the
 * figures block of docs/performance.md) calls by operation, wall time, the quota floor for exactly
 * those calls, their ratio, throttling answers, gaps and the child's peak RSS.
 *
 * Options: --sizes 100,1000 (default 100,1000,5000), --check-functions N (default 10000, 0 to skip),
 * --latency MS (stub answer delay, default 25), --no-docs (do not rewrite docs/performance.md),
 * --check-reference REF (the revision `check` is compared with, default e48e0ad; `none` to skip),
 * --check-runs N (runs of each, interleaved, default 5): see bench/check-comparison.ts;
 * --no-formats (skip the report formats at size, bench/report-formats.ts).
 * Organisation scans: --organization or --only organization (bench/organization.ts).
 */

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const RSS_PRELOAD = join(ROOT, "dist", "bench", "rss-preload.js");
const RESULTS_FILE = join(ROOT, "bench", "results", "latest.json");
const DOCS_FILE = join(ROOT, "docs", "performance.md");
const SEED = 20261101;

/**
 * Regions per size. Regions run in parallel and each has its own Lambda quotas, so a large account
 * spread over more regions has a lower floor; the split keeps the whole benchmark near ten minutes on
 * two cores (5,000 functions in one region would need 5,000 × k / 15 s of shared Lambda budget alone).
 */
const REGION_POOL = [
  "us-east-1",
  "eu-west-1",
  "us-west-2",
  "eu-central-1",
  "ap-southeast-1",
  "ap-northeast-1",
  "us-east-2",
  "eu-west-2",
  "ap-south-1",
  "ca-central-1",
];
function regionsFor(size: number): string[] {
  return REGION_POOL.slice(0, size <= 100 ? 2 : size <= 1000 ? 4 : 8);
}

interface Args {
  sizes: number[];
  checkFunctions: number;
  latencyMs: number;
  docs: boolean;
  checkReference: string;
  checkRuns: number;
  formats: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: [100, 1000, 5000], checkFunctions: 10_000, latencyMs: 25, docs: true, checkReference: DEFAULT_CHECK_REFERENCE, checkRuns: 5, formats: true };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--sizes" && value) {
      args.sizes = value.split(",").map(Number);
      i += 1;
    } else if (flag === "--check-functions" && value) {
      args.checkFunctions = Number(value);
      i += 1;
    } else if (flag === "--latency" && value) {
      args.latencyMs = Number(value);
      i += 1;
    } else if (flag === "--check-reference" && value) {
      args.checkReference = value;
      i += 1;
    } else if (flag === "--check-runs" && value) {
      args.checkRuns = Math.max(1, Number(value));
      i += 1;
    } else if (flag === "--no-docs") {
      args.docs = false;
    } else if (flag === "--no-formats") {
      args.formats = false;
    } else {
      throw new Error(`unknown argument ${flag ?? ""}; see the comment at the top of bench/run.ts`);
    }
  }
  return args;
}

interface ChildOutcome {
  exitCode: number;
  stderr: string;
  wallSeconds: number;
  peakRssMiB: number | null;
  cpuSeconds?: number;
}

/** Runs `node ARGS` with only the given environment, timing it and reading its peak RSS at exit. */
async function runChild(args: string[], env: Record<string, string>, dir: string): Promise<ChildOutcome> {
  const rssFile = join(dir, `rss-${Date.now()}.json`);
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: dir,
    NODE_OPTIONS: `--import=${RSS_PRELOAD}`,
    LAMBDA_POSTURE_BENCH_RSS_FILE: rssFile,
    ...env,
  };
  const started = performance.now();
  const { exitCode, stderr } = await new Promise<{ exitCode: number; stderr: string }>((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ exitCode: code ?? 1, stderr: err }));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  let peakRssMiB: number | null = null;
  let cpuSeconds: number | undefined;
  if (existsSync(rssFile)) {
    const usage = JSON.parse(await readFile(rssFile, "utf8")) as { maxRssKiB: number; cpuSeconds?: number };
    peakRssMiB = Math.round((usage.maxRssKiB / 1024) * 10) / 10;
    cpuSeconds = usage.cpuSeconds;
  }
  return { exitCode, stderr, wallSeconds, peakRssMiB, ...(cpuSeconds !== undefined ? { cpuSeconds } : {}) };
}

/**
 * The IAM reads a perfect scan makes: one set per role some function uses, or that operates a capacity
 * provider of a region with functions (the listing reads every provider of such a region), and per
 * managed policy those roles use.
 */
function expectedIamCalls(account: StubAccount): Record<string, number> {
  const regionsWithFunctions = new Set(account.functions.map((fn) => fn.region));
  const usedRoles = new Set([
    ...account.functions.map((fn) => fn.role).filter((arn): arn is string => arn !== undefined),
    ...(account.capacityProviders ?? []).filter((provider) => regionsWithFunctions.has(provider.region)).flatMap((provider) => (provider.operatorRoleArn ? [provider.operatorRoleArn] : [])),
  ]);
  const roles = account.roles.filter((role) => usedRoles.has(role.arn));
  const policies = new Set<string>();
  for (const role of roles) {
    for (const arn of role.attachedPolicyArns ?? []) policies.add(arn);
    if (role.permissionsBoundaryArn) policies.add(role.permissionsBoundaryArn);
  }
  return {
    "iam:GetRole": roles.length,
    "iam:ListAttachedRolePolicies": roles.length,
    "iam:ListRolePolicies": roles.length,
    "iam:GetRolePolicy": roles.reduce((sum, role) => sum + (role.inlinePolicies?.length ?? 0), 0),
    "iam:GetPolicy": policies.size,
    "iam:GetPolicyVersion": policies.size,
  };
}

/** The scanner's own statistics line (printed when LAMBDA_POSTURE_REPORT_STATS is set). */
function scannerStatsOf(stderr: string): Record<string, unknown> | null {
  const line = stderr.split("\n").find((candidate) => candidate.startsWith("LAMBDA_POSTURE_STATS "));
  if (!line) return null;
  try {
    return JSON.parse(line.slice("LAMBDA_POSTURE_STATS ".length)) as Record<string, unknown>;
  } catch (error) {
    process.stderr.write(`bench: unreadable LAMBDA_POSTURE_STATS line: ${String(error)}\n`);
    return null;
  }
}

interface ScanBench {
  functions: number;
  regions: string[];
  rolesUsed: number;
  managedPoliciesUsed: number;
  scanner: string;
  exitCode: number;
  wallSeconds: number;
  floorSeconds: number;
  ratio: number;
  bindingBucket: string;
  floorBuckets: FloorBreakdown["buckets"];
  /** Every request the stub received, throttled ones included. */
  totalCalls: number;
  /** Requests by operation, every attempt (a throttled request and its retry count twice). */
  calls: Record<string, number>;
  /** Requests that passed the quotas, by operation: what the floor is computed from. */
  servedCalls: Record<string, number>;
  callsPerFunction: Record<string, number>;
  throttlingAnswers: number;
  throttledByOperation: Record<string, number>;
  gaps: number;
  gapsFromThrottling: number;
  gapsByOperation: Record<string, number>;
  /** IAM requests served (throttled attempts are retries of the same read, not extra reads). */
  iam: { expected: Record<string, number>; actual: Record<string, number>; exact: boolean };
  peakRssMiB: number | null;
  /** The stub's own event-loop delay while serving (ms): a stalled stub compresses arrivals into bursts. */
  stubEventLoopDelayMs: { p99: number; max: number };
  /** The scanner's statistics (calls, throttles it saw, time waited for rate tokens, by bucket). */
  scannerStats: Record<string, unknown> | null;
  stderrTail?: string;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const THROTTLING_CODES = new Set(["TooManyRequestsException", "Throttling", "ThrottlingException", "RequestLimitExceeded", "throttled"]);

async function benchScan(size: number, args: Args, dir: string): Promise<ScanBench> {
  const regions = regionsFor(size);
  const account = generateSyntheticAccount({ functions: size, regions, seed: SEED + size });
  const stub = await startStub({ account, seed: SEED, latencyMs: args.latencyMs, recordCalls: false });
  const output = join(dir, `scan-${size}.json`);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    loopDelay.enable();
    const command = [CLI, "scan", "--regions", regions.join(","), "--format", "json", "--output", output, "--quiet"];
    process.stderr.write(`bench: scanning ${size} functions over ${regions.length} regions...\n`);
    const child = await runChild(
      command,
      stubEnvironment(stub.url, { AWS_REGION: regions[0] as string, LAMBDA_POSTURE_REPORT_STATS: "1" }),
      dir,
    );
    loopDelay.disable();
    const stats = stub.stats();
    const servedCalls: Record<string, number> = {};
    for (const operations of Object.values(stats.servedByRegion)) {
      for (const [id, count] of Object.entries(operations)) servedCalls[id] = (servedCalls[id] ?? 0) + count;
    }
    const floor = quotaFloor(stats.servedByRegion);
    const result = existsSync(output) ? (JSON.parse(await readFile(output, "utf8")) as ScanResult) : undefined;
    const gaps = result?.gaps ?? [];
    const gapsByOperation: Record<string, number> = {};
    for (const gap of gaps) gapsByOperation[`${gap.service}:${gap.operation} ${gap.errorCode}`] = (gapsByOperation[`${gap.service}:${gap.operation} ${gap.errorCode}`] ?? 0) + 1;
    const expected = expectedIamCalls(account);
    const actual = Object.fromEntries(Object.keys(expected).map((id) => [id, servedCalls[id] ?? 0]));
    const calls = Object.fromEntries(Object.entries(stats.calls).sort(([a], [b]) => a.localeCompare(b)));
    const throttled = Object.values(stats.throttled).reduce((a, b) => a + b, 0);
    const usedRoles = new Set(account.functions.map((fn) => fn.role));
    return {
      functions: size,
      regions,
      rolesUsed: usedRoles.size,
      managedPoliciesUsed: expected["iam:GetPolicy"] ?? 0,
      scanner: "lambda-posture scan (CLI child process)",
      exitCode: child.exitCode,
      wallSeconds: round(child.wallSeconds),
      floorSeconds: round(floor.seconds),
      ratio: floor.seconds > 0 ? round(child.wallSeconds / floor.seconds) : 0,
      bindingBucket: floor.bindingBucket,
      floorBuckets: floor.buckets.slice(0, 6).map((bucket) => ({ ...bucket, seconds: round(bucket.seconds) })),
      totalCalls: stats.total,
      calls,
      servedCalls: Object.fromEntries(Object.entries(servedCalls).sort(([a], [b]) => a.localeCompare(b))),
      callsPerFunction: Object.fromEntries(Object.entries(servedCalls).sort(([a], [b]) => a.localeCompare(b)).map(([id, count]) => [id, round(count / size, 3)])),
      throttlingAnswers: throttled,
      throttledByOperation: stats.throttled,
      gaps: gaps.length,
      gapsFromThrottling: gaps.filter((gap) => THROTTLING_CODES.has(gap.errorCode)).length,
      gapsByOperation,
      iam: { expected, actual, exact: Object.entries(expected).every(([id, count]) => actual[id] === count) },
      peakRssMiB: child.peakRssMiB,
      stubEventLoopDelayMs: { p99: round(loopDelay.percentile(99) / 1e6, 1), max: round(loopDelay.max / 1e6, 1) },
      scannerStats: scannerStatsOf(child.stderr),
      ...(child.exitCode > 1 ? { stderrTail: child.stderr.slice(-2000) } : {}),
    };
  } finally {
    loopDelay.disable();
    await stub.close();
  }
}

interface CheckBench {
  functions: number;
  exitCode: number;
  wallSeconds: number;
  peakRssMiB: number | null;
  snapshotMiB: number;
  findings: number | null;
}

async function benchCheck(functions: number, dir: string): Promise<CheckBench> {
  const regions = REGION_POOL.slice(0, 8);
  const account = generateSyntheticAccount({ functions, regions, seed: SEED });
  const snapshotFile = join(dir, `snapshot-${functions}.json`);
  await writeSnapshot(snapshotFile, syntheticSnapshot(account, "2026-11-01T00:00:00.000Z"));
  const output = join(dir, `check-${functions}.json`);
  process.stderr.write(`bench: check over a ${functions}-function snapshot...\n`);
  const child = await runChild([CLI, "check", "--snapshot", snapshotFile, "--format", "json", "--output", output, "--quiet"], {}, dir);
  // Read as `diff` reads it: the document lists passed findings compactly (schemaVersion 3).
  const result = existsSync(output) ? await readScanResult(output) : undefined;
  return {
    functions,
    exitCode: child.exitCode,
    wallSeconds: round(child.wallSeconds),
    peakRssMiB: child.peakRssMiB,
    snapshotMiB: round((await readFile(snapshotFile)).byteLength / 2 ** 20, 1),
    findings: result ? result.findings.length : null,
  };
}

const servedTotal = (scan: ScanBench) => Object.values(scan.servedCalls).reduce((a, b) => a + b, 0);

function markdown(results: {
  generatedAt: string;
  revision: string;
  distChangedDuringRun: boolean;
  command: string;
  scans: ScanBench[];
  check: CheckBench | null;
  environment: Record<string, unknown>;
}): string {
  const lines: string[] = [];
  lines.push(
    `Measured ${results.generatedAt} at ${results.revision} with \`${results.command}\` (Node ${String(results.environment.node)}, ${String(results.environment.cpus)} CPUs, stub latency ${String(results.environment.stubLatencyMs)} ms).` +
      (results.distChangedDuringRun ? " **dist/ was rebuilt during this run: the figures may mix versions.**" : ""),
    "",
  );
  lines.push("| functions | regions | roles / policies used | wall (s) | quota floor (s) | wall / floor | binding bucket | calls served | calls / function | throttling answers | gaps (from throttling) | IAM one set each | peak RSS (MiB) | stub loop lag max (ms) |");
  lines.push("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|:---:|---:|---:|");
  for (const scan of results.scans) {
    lines.push(
      `| ${scan.functions} | ${scan.regions.length} | ${scan.rolesUsed} / ${scan.managedPoliciesUsed} | ${scan.wallSeconds} | ${scan.floorSeconds} | ${scan.ratio} | ${scan.bindingBucket} | ${servedTotal(scan)} | ${round(servedTotal(scan) / scan.functions)} | ${scan.throttlingAnswers} | ${scan.gaps} (${scan.gapsFromThrottling}) | ${scan.iam.exact ? "yes" : "no"} | ${scan.peakRssMiB ?? "n/a"} | ${scan.stubEventLoopDelayMs.max} |`,
    );
  }
  lines.push("");
  const largest = results.scans[results.scans.length - 1];
  if (largest) {
    lines.push(`Calls by operation at ${largest.functions} functions (served: the reads the scan needed; attempts: with the retries of throttled ones):`, "");
    lines.push("| operation | served | per function | attempts |", "|---|---:|---:|---:|");
    for (const [id, count] of Object.entries(largest.servedCalls)) {
      lines.push(`| ${id} | ${count} | ${largest.callsPerFunction[id]} | ${largest.calls[id] ?? 0} |`);
    }
    lines.push("");
  }
  if (results.check) {
    lines.push(
      `\`check\` over a ${results.check.functions}-function snapshot (${results.check.snapshotMiB} MiB): ${results.check.wallSeconds} s wall, ${results.check.peakRssMiB ?? "n/a"} MiB peak RSS, ${results.check.findings ?? "n/a"} findings, exit ${results.check.exitCode}.`,
    );
  }
  return lines.join("\n");
}

async function updateDocs(block: string, start = "<!-- bench:start -->", end = "<!-- bench:end -->"): Promise<void> {
  const current = existsSync(DOCS_FILE) ? await readFile(DOCS_FILE, "utf8") : `# Performance\n\n${start}\n${end}\n`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from + start.length)}\n${block}\n${current.slice(to)}`
      : `${current.trimEnd()}\n\n${start}\n${block}\n${end}\n`;
  await writeFile(DOCS_FILE, next);
}

/**
 * The newest modification time under dist/: the tree is shared with other work, and a rebuild in the
 * middle of a run would mix versions in one set of figures. The results say when that happened.
 */
async function distFingerprint(directory = join(ROOT, "dist")): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await distFingerprint(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

function gitRevision(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "checks"], { cwd: ROOT, encoding: "utf8" }).trim();
    return dirty ? `${head} + uncommitted changes in src/ or checks/` : head;
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

async function main(): Promise<void> {
  const organizationArgs = organizationBenchArgs(process.argv.slice(2));
  const args = parseArgs(organizationArgs.rest);
  if (organizationArgs.only) Object.assign(args, { sizes: [], checkFunctions: 0 });
  const dir = await mkdtemp(join(tmpdir(), "lambda-posture-bench-"));
  const started = performance.now();
  const distBefore = await distFingerprint();
  const revision = gitRevision();
  try {
    const scans: ScanBench[] = [];
    for (const size of args.sizes) {
      const scan = await benchScan(size, args, dir);
      scans.push(scan);
      process.stderr.write(
        `bench: ${size} functions: ${scan.wallSeconds} s wall, floor ${scan.floorSeconds} s (${scan.bindingBucket}), ratio ${scan.ratio}, stub loop delay max ${scan.stubEventLoopDelayMs.max} ms, ` +
          `${scan.totalCalls} calls, ${scan.throttlingAnswers} throttled, ${scan.gaps} gaps, IAM exact ${scan.iam.exact}, peak RSS ${scan.peakRssMiB ?? "n/a"} MiB, exit ${scan.exitCode}\n`,
      );
    }
    const check = args.checkFunctions > 0 ? await benchCheck(args.checkFunctions, dir) : null;
    if (check) {
      process.stderr.write(`bench: check over ${check.functions} functions: ${check.wallSeconds} s, ${check.peakRssMiB ?? "n/a"} MiB peak RSS, exit ${check.exitCode}\n`);
    }
    let checkComparison: CheckComparison | null = null;
    if (check && args.checkReference !== "none") {
      checkComparison = await compareCheck({
        root: ROOT,
        currentCli: CLI,
        reference: args.checkReference,
        snapshotFile: join(dir, `snapshot-${args.checkFunctions}.json`),
        functions: args.checkFunctions,
        runs: args.checkRuns,
        dir,
        runChild,
      });
    }
    if (args.formats && !organizationArgs.only) {
      // The same synthetic account as `check` above; its result is reused when it was written.
      const functions = check ? check.functions : 10_000;
      const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
      await benchReportFormats({ functions, dir, docs: args.docs, command, ...(check ? { resultFile: join(dir, `check-${functions}.json`) } : {}) });
    }
    const organization = organizationArgs.enabled ? await benchOrganization({ cli: CLI, dir, latencyMs: args.latencyMs, runChild }, organizationArgs) : null;
    const distChanged = (await distFingerprint()) !== distBefore;
    if (distChanged) process.stderr.write("bench: WARNING: dist/ was rebuilt during the run; the figures may mix versions\n");
    const results = {
      generatedAt: new Date().toISOString(),
      revision,
      distChangedDuringRun: distChanged,
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
      environment: {
        node: process.version,
        cpus: cpus().length,
        platform: process.platform,
        stubLatencyMs: args.latencyMs,
        quotas: DEFAULT_QUOTAS,
        seed: SEED,
      },
      totalBenchSeconds: round((performance.now() - started) / 1000, 1),
      scans,
      check,
      checkComparison,
    };
    if (organization) {
      const header = { generatedAt: results.generatedAt, revision, command: results.command, node: process.version, cpus: cpus().length, latencyMs: args.latencyMs };
      const organizationBlock = organizationMarkdown(organization, header);
      if (args.docs) await updateDocs(organizationBlock, "<!-- bench-organization:start -->", "<!-- bench-organization:end -->");
      process.stdout.write(`${organizationBlock}\n\n`);
      if (organizationArgs.only) {
        await saveOrganizationOnly(RESULTS_FILE, organization, { ...header, distChangedDuringRun: distChanged });
        return;
      }
    }
    await writeFile(RESULTS_FILE, `${JSON.stringify(await withOrganizationResults(RESULTS_FILE, results, organization), null, 2)}\n`);
    const block = markdown(results);
    if (args.docs) await updateDocs(block);
    const comparisonBlock = checkComparison ? checkComparisonMarkdown(checkComparison, `${results.generatedAt.slice(0, 10)} at ${revision}`) : "";
    if (checkComparison && args.docs) await updateDocs(comparisonBlock, "<!-- bench-check:start -->", "<!-- bench-check:end -->");
    process.stdout.write(`${block}\n${comparisonBlock ? `\n${comparisonBlock}\n` : ""}\nwrote ${RESULTS_FILE}${args.docs ? ` and ${DOCS_FILE}` : ""}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();

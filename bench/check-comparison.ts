import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * `check` of this revision against a reference revision, in one run of `npm run bench` (issue
 * "Compact results": the 10,000-function result at most 60 MB and `check` at least twice as fast as
 * before it). The reference is built from git in a temporary detached worktree (its own `tsc`, the
 * same node_modules), then both CLIs run `check` on the same snapshot, interleaved and alternating
 * which goes first, so that a machine busy with other work slows both alike; the medians are compared.
 */

export const DEFAULT_CHECK_REFERENCE = "e48e0ad";
/** The targets: result size in decimal bytes, and reference median / current median. */
export const RESULT_BYTES_TARGET = 60_000_000;
export const SPEEDUP_TARGET = 2;

export interface ChildRun {
  exitCode: number;
  stderr: string;
  wallSeconds: number;
  peakRssMiB: number | null;
}
export type RunChild = (args: string[], env: Record<string, string>, dir: string) => Promise<ChildRun>;

interface SideFigures {
  /** Commit (short hash) and how it was named. */
  revision: string;
  command: string;
  wallSeconds: number[];
  medianSeconds: number;
  peakRssMiB: (number | null)[];
  medianPeakRssMiB: number | null;
  resultBytes: number | null;
  exitCodes: number[];
}

export interface CheckComparison {
  functions: number;
  runs: number;
  snapshotBytes: number;
  reference: SideFigures;
  current: SideFigures;
  /** reference median / current median. */
  speedup: number;
  targets: { resultBytesAtMost: number; resultBytesMet: boolean; speedupAtLeast: number; speedupMet: boolean };
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const git = (root: string, args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/** The reference revision checked out and compiled in a temporary worktree; `remove` undoes both. */
async function buildReference(root: string, reference: string): Promise<{ cli: string; revision: string; remove: () => Promise<void> }> {
  const revision = git(root, ["rev-parse", "--short", `${reference}^{commit}`]);
  const parent = await mkdtemp(join(tmpdir(), "lambda-posture-reference-"));
  const tree = join(parent, "tree");
  const remove = async () => {
    try {
      git(root, ["worktree", "remove", "--force", tree]);
    } catch (error) {
      process.stderr.write(`bench: could not remove the reference worktree ${tree}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    await rm(parent, { recursive: true, force: true });
    try {
      git(root, ["worktree", "prune"]);
    } catch {
      // Pruning only tidies git's list of worktrees; the directory is already gone.
    }
  };
  try {
    git(root, ["worktree", "add", "--detach", tree, revision]);
    await symlink(join(root, "node_modules"), join(tree, "node_modules"), "dir");
    process.stderr.write(`bench: building the reference ${revision} in ${tree}...\n`);
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: tree, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    await remove();
    throw error;
  }
  return { cli: join(tree, "dist", "src", "cli", "main.js"), revision, remove };
}

function side(revision: string, command: string, runs: ChildRun[], resultBytes: number | null): SideFigures {
  const walls = runs.map((run) => round(run.wallSeconds));
  const rss = runs.map((run) => run.peakRssMiB);
  const measured = rss.filter((value): value is number => value !== null);
  return {
    revision,
    command,
    wallSeconds: walls,
    medianSeconds: round(median(walls)),
    peakRssMiB: rss,
    medianPeakRssMiB: measured.length > 0 ? round(median(measured), 1) : null,
    resultBytes,
    exitCodes: runs.map((run) => run.exitCode),
  };
}

/**
 * Times `check --snapshot SNAPSHOT --format json` of the reference and of this build (`currentCli`),
 * `runs` times each, interleaved.
 */
export async function compareCheck(options: {
  root: string;
  currentCli: string;
  reference: string;
  snapshotFile: string;
  functions: number;
  runs: number;
  dir: string;
  runChild: RunChild;
}): Promise<CheckComparison> {
  const built = await buildReference(options.root, options.reference);
  try {
    const output = (name: string) => join(options.dir, `check-${name}.json`);
    const commandOf = (cli: string, name: string) => [cli, "check", "--snapshot", options.snapshotFile, "--format", "json", "--output", output(name), "--quiet"];
    const sides = { reference: { cli: built.cli, runs: [] as ChildRun[] }, current: { cli: options.currentCli, runs: [] as ChildRun[] } };
    for (let pass = 0; pass < options.runs; pass += 1) {
      const order = pass % 2 === 0 ? (["reference", "current"] as const) : (["current", "reference"] as const);
      for (const name of order) {
        const run = await options.runChild(commandOf(sides[name].cli, name), {}, options.dir);
        if (run.exitCode > 1) throw new Error(`the ${name} check exited ${run.exitCode}: ${run.stderr.slice(-2000)}`);
        sides[name].runs.push(run);
        process.stderr.write(`bench: check ${name} run ${pass + 1}/${options.runs}: ${round(run.wallSeconds)} s, ${run.peakRssMiB ?? "n/a"} MiB\n`);
      }
    }
    const bytes = async (name: string) => (existsSync(output(name)) ? (await stat(output(name))).size : null);
    const relative = (cli: string) => cli.replace(/^.*\/dist\//, "dist/");
    const display = (cli: string) => `node ${relative(cli)} check --snapshot SNAPSHOT --format json --output RESULT --quiet`;
    const reference = side(built.revision, display(built.cli), sides.reference.runs, await bytes("reference"));
    const current = side(currentRevision(options.root), display(options.currentCli), sides.current.runs, await bytes("current"));
    const speedup = current.medianSeconds > 0 ? round(reference.medianSeconds / current.medianSeconds) : 0;
    return {
      functions: options.functions,
      runs: options.runs,
      snapshotBytes: (await stat(options.snapshotFile)).size,
      reference,
      current,
      speedup,
      targets: {
        resultBytesAtMost: RESULT_BYTES_TARGET,
        resultBytesMet: current.resultBytes !== null && current.resultBytes <= RESULT_BYTES_TARGET,
        speedupAtLeast: SPEEDUP_TARGET,
        speedupMet: speedup >= SPEEDUP_TARGET,
      },
    };
  } finally {
    await built.remove();
  }
}

function currentRevision(root: string): string {
  try {
    const head = git(root, ["rev-parse", "--short", "HEAD"]);
    return git(root, ["status", "--porcelain", "--", "src", "checks"]) ? `${head} + uncommitted changes` : head;
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

const megabytes = (bytes: number | null) => (bytes === null ? "n/a" : `${round(bytes / 1e6, 1)} MB`);

/** The comparison as the docs show it. */
export function checkComparisonMarkdown(comparison: CheckComparison, measuredAt: string): string {
  const { reference, current, targets } = comparison;
  const row = (label: string, figures: SideFigures) =>
    `| ${label} ${figures.revision} | ${figures.medianSeconds} | ${figures.wallSeconds.join(", ")} | ${figures.medianPeakRssMiB ?? "n/a"} | ${megabytes(figures.resultBytes)} (${figures.resultBytes ?? "n/a"} bytes) |`;
  return [
    `\`check\` over the ${comparison.functions}-function snapshot (${megabytes(comparison.snapshotBytes)}), measured ${measuredAt}: the reference and this build, ${comparison.runs} runs each, interleaved (\`node dist/src/cli/main.js check --snapshot SNAPSHOT --format json --output RESULT --quiet\`, each from its own build).`,
    "",
    "| build | median wall (s) | runs (s) | median peak RSS (MiB) | JSON result |",
    "|---|---:|---|---:|---:|",
    row("reference", reference),
    row("current", current),
    "",
    `Speed-up ${comparison.speedup}× (target ≥ ${targets.speedupAtLeast}×: ${targets.speedupMet ? "met" : "not met"}); result ${megabytes(current.resultBytes)} (target ≤ ${megabytes(targets.resultBytesAtMost)}: ${targets.resultBytesMet ? "met" : "not met"}).`,
  ].join("\n");
}

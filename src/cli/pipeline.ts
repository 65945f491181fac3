import { join, resolve } from "node:path";
import { diffScanResults, hasNewFindingsAtOrAbove, newFindingsAtOrAbove, renderDiff } from "../diff/index.js";
import { SEVERITIES, type AnyCheck } from "../engine/check.js";
import { atOrAbove } from "../engine/evaluate.js";
import type { ScanResult } from "../engine/result-schema.js";
import type { Suppression } from "../engine/suppressions.js";
import { checkOutputPath, writePrivateFile } from "../files/private-file.js";
import { check } from "../library/check.js";
import { readBaseline, readSuppressionsFile } from "../library/inputs.js";
import type { Snapshot } from "../snapshot/schema.js";
import { ExitCode, InputError, type ExitCodeValue } from "./errors.js";
import { note, type CliIO } from "./io.js";
import type { ResolvedOptions } from "./options.js";
import { reportPaths, writeReports, type ReportTargets } from "./write-reports.js";

export interface PipelineOutcome {
  result: ScanResult;
  exitCode: ExitCodeValue;
  written: string[];
}

/** Input files a run reads besides the snapshot, read and validated before any collection starts. */
export interface RunInputs {
  suppressions: Suppression[];
  baseline?: ScanResult;
}

/**
 * Reads --suppressions and --baseline and checks the report targets up front: a typo in any of
 * them fails in a second with exit 2, not after a long scan, and the baseline is in memory before
 * the new reports could overwrite it.
 */
export async function prepareRun(options: ResolvedOptions, targets: ReportTargets, io: CliIO): Promise<RunInputs> {
  await assertWritable(targets, options, io);
  if (options.failOnNew !== "none" && options.baseline === undefined) {
    throw new InputError("--fail-on-new needs --baseline OLD.json (a previous scan result)");
  }
  const suppressions = options.suppressions ? await readSuppressionsFile(resolve(io.cwd, options.suppressions)) : [];
  const baseline = options.baseline ? await readBaseline(resolve(io.cwd, options.baseline)) : undefined;
  return { suppressions, ...(baseline ? { baseline } : {}) };
}

/**
 * A scan can take minutes: find out before it starts that every report, diff and snapshot file can
 * be written (each path absent or a regular file, in a writable directory), so that a mistyped path
 * never throws away a finished collection. Nothing is created before the run.
 */
async function assertWritable(targets: ReportTargets, options: ResolvedOptions, io: CliIO): Promise<void> {
  const flag = targets.outputDir !== undefined ? "--output-dir" : "--output";
  for (const path of reportPaths(targets, io)) await checkOutputPath(path, flag);
  if (options.baseline !== undefined && targets.outputDir !== undefined) {
    for (const path of diffPaths(targets.outputDir, io)) await checkOutputPath(path, "--output-dir");
  }
  if (options.snapshotOut !== undefined) await checkOutputPath(resolve(io.cwd, options.snapshotOut), "--snapshot-out");
}

const DIFF_OUTPUTS = [["json", "diff.json"], ["markdown", "diff.md"]] as const;

function diffPaths(outputDir: string, io: CliIO): string[] {
  return DIFF_OUTPUTS.map(([, extension]) => join(resolve(io.cwd, outputDir), `lambda-posture.${extension}`));
}

/** Exit 1 when an open (unsuppressed) failure is at or above --fail-on; unknowns never trigger it. */
export function exitCodeFor(result: ScanResult, failOn: ResolvedOptions["failOn"]): ExitCodeValue {
  if (failOn === "none") return ExitCode.ok;
  const failing = SEVERITIES.filter((severity) => atOrAbove(severity, failOn)).some(
    (severity) => result.summary.counts.failedBySeverity[severity] > 0,
  );
  return failing ? ExitCode.findingsAtOrAboveFailOn : ExitCode.ok;
}

async function reportBaselineDiff(result: ScanResult, baseline: ScanResult, options: ResolvedOptions, targets: ReportTargets, io: CliIO, written: string[]): Promise<boolean> {
  const diff = diffScanResults(baseline, result);
  for (const warning of diff.warnings) note(io, options.quiet, `warning: ${warning}`);
  if (targets.outputDir !== undefined) {
    for (const [format, extension] of DIFF_OUTPUTS) {
      const path = join(resolve(io.cwd, targets.outputDir), `lambda-posture.${extension}`);
      await writePrivateFile(path, renderDiff(diff, format));
      written.push(path);
      note(io, options.quiet, `wrote ${path}`);
    }
  }
  if (!options.quiet) io.stderr.write(renderDiff(diff, "terminal", { color: false }));
  if (options.failOnNew !== "none" && hasNewFindingsAtOrAbove(diff, options.failOnNew)) {
    note(io, options.quiet, `${newFindingsAtOrAbove(diff, options.failOnNew).length} new finding(s) at or above ${options.failOnNew} since the baseline`);
    return true;
  }
  return false;
}

/** Everything after collection, shared by `check`, `demo` and `scan`. */
export async function evaluateAndReport(
  snapshot: Snapshot,
  checks: readonly AnyCheck[],
  options: ResolvedOptions,
  targets: ReportTargets,
  inputs: RunInputs,
  io: CliIO,
  startedAt: Date,
): Promise<PipelineOutcome> {
  const result = await check(snapshot, {
    checks: checks.map((selected) => selected.id),
    checkSettings: options.checkSettings,
    suppressions: inputs.suppressions,
    minimumSeverity: options.severity,
    startedAt,
  });
  const written = await writeReports(result, checks, targets, io);
  for (const path of written) note(io, options.quiet, `wrote ${path}`);
  if (result.suppressions.expired.length > 0) {
    note(io, options.quiet, `note: ${result.suppressions.expired.length} suppression(s) have expired and no longer apply`);
  }
  if (result.checkErrors.length > 0) {
    io.stderr.write(`warning: ${result.checkErrors.length} check result(s) are unknown because a check failed (see checkErrors in the JSON report)\n`);
  }
  let exitCode = exitCodeFor(result, options.failOn);
  if (inputs.baseline && (await reportBaselineDiff(result, inputs.baseline, options, targets, io, written))) {
    exitCode = ExitCode.findingsAtOrAboveFailOn;
  }
  return { result, exitCode, written };
}

import { basename, join, resolve } from "node:path";
import { diffScanResults, hasNewFindingsAtOrAbove, newFindingsAtOrAbove, renderDiff } from "../diff/index.js";
import { SEVERITIES, type AnyCheck } from "../engine/check.js";
import { atOrAbove } from "../engine/evaluate.js";
import { expandedFindings } from "../engine/result-index.js";
import type { ScanResult } from "../engine/result-schema.js";
import type { Suppression } from "../engine/suppressions.js";
import { checkOutputPath, writePrivateFile } from "../files/private-file.js";
import { check } from "../library/check.js";
import { readBaseline, readSuppressionsFile } from "../library/inputs.js";
import type { Snapshot } from "../snapshot/schema.js";
import { terminalSafe } from "../text/terminal.js";
import { ExitCode, InputError, type ExitCodeValue } from "./errors.js";
import { note, type CliIO } from "./io.js";
import type { ResolvedOptions } from "./options.js";
import { checkHistoryDirectory, recordHistory } from "./history.js";
import { reportPath, reportPaths, validateTargets, writeReports, type ReportTargets } from "./write-reports.js";
import { renderTerminalSummary } from "../report/terminal.js";
import type { TrendPoint } from "../report/types.js";

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
  if (options.history !== undefined) await checkHistoryDirectory(resolve(io.cwd, options.history));
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

/** Why a run does not exit 0: one line each, printed whatever the formats (a scheduler reads them). */
export interface ExitReason {
  exitCode: ExitCodeValue;
  line: string;
}

/** Open (unsuppressed) failures at or above --fail-on; unknowns never count. */
export function failOnReason(result: ScanResult, failOn: ResolvedOptions["failOn"]): ExitReason | undefined {
  if (failOn === "none") return undefined;
  const counts = SEVERITIES.filter((severity) => atOrAbove(severity, failOn))
    .map((severity) => [severity, result.summary.counts.failedBySeverity[severity]] as const)
    .filter(([, count]) => count > 0);
  if (counts.length === 0) return undefined;
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  const top = expandedFindings(result, (finding) => finding.status === "fail" && !finding.suppressed)
    .filter((finding) => atOrAbove(finding.severity, failOn))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))[0];
  return {
    exitCode: ExitCode.findingsAtOrAboveFailOn,
    line:
      `exit 1: ${total} open finding(s) at or above --fail-on ${failOn} (${counts.map(([severity, count]) => `${severity} ${count}`).join(", ")})` +
      (top ? `, e.g. ${top.checkId} on ${top.resource.name}` : ""),
  };
}

/** --fail-on-gaps: any read that failed makes the run incomplete. */
export function gapsReason(result: ScanResult, failOnGaps: boolean): ExitReason | undefined {
  if (!failOnGaps || result.gaps.length === 0) return undefined;
  const operations = [...new Set(result.gaps.map((gap) => `${gap.service}:${gap.operation}`))];
  return {
    exitCode: ExitCode.incomplete,
    line: `exit ${ExitCode.incomplete}: --fail-on-gaps and ${result.gaps.length} read(s) failed (${operations.slice(0, 3).join(", ")}${operations.length > 3 ? ", …" : ""}); the checks that needed them report unknown`,
  };
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

/** Whether the terminal summary goes to stdout already (no --output or --output-dir for it). */
function terminalOnStdout(targets: ReportTargets, io: CliIO): boolean {
  return validateTargets(targets, io).some((reporter) => reporter.format === "terminal" && reportPath(reporter, targets, io) === undefined);
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
  /** `demo` prints the whole summary on stdout itself. */
  { stderrSummary = true }: { stderrSummary?: boolean } = {},
): Promise<PipelineOutcome> {
  const result = await check(snapshot, {
    checks: checks.map((selected) => selected.id),
    checkSettings: options.checkSettings,
    suppressions: inputs.suppressions,
    minimumSeverity: options.severity,
    startedAt,
  });
  let history: TrendPoint[] | undefined;
  if (options.history !== undefined) {
    const warn = (message: string) => io.stderr.write(`warning: ${terminalSafe(message)}\n`);
    try {
      const recorded = await recordHistory(resolve(io.cwd, options.history), result, options.historyKeep, warn);
      history = recorded.history;
      note(io, options.quiet, `history: kept ${basename(recorded.stored)} (trend of ${history.length} scan(s)${recorded.pruned.length > 0 ? `; ${recorded.pruned.length} older removed` : ""})`);
    } catch (error) {
      // The directory was checked before the run; a disk that fills up since must not cost the reports.
      if (!(error instanceof InputError) && typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
      warn(`--history: this result was not kept: ${(error as Error).message}`);
    }
  }
  const written = await writeReports(result, checks, targets, io, undefined, history ? { history } : {});
  // Without a terminal report on stdout, a short summary on stderr: a long scan never ends silently.
  if (!options.quiet && stderrSummary && !terminalOnStdout(targets, io)) {
    io.stderr.write(renderTerminalSummary(result, { width: io.stderrIsTTY ? io.columns : 80, written, history }));
  } else for (const path of written) note(io, options.quiet, `wrote ${path}`);
  if (result.suppressions.expired.length > 0) {
    note(io, options.quiet, `note: ${result.suppressions.expired.length} suppression(s) have expired and no longer apply`);
  }
  if (result.checkErrors.length > 0) {
    io.stderr.write(`warning: ${result.checkErrors.length} check result(s) are unknown because a check failed (see checkErrors in the JSON report)\n`);
  }
  const reasons = [failOnReason(result, options.failOn)];
  if (inputs.baseline && (await reportBaselineDiff(result, inputs.baseline, options, targets, io, written))) {
    reasons.push({ exitCode: ExitCode.findingsAtOrAboveFailOn, line: `exit 1: new finding(s) at or above --fail-on-new ${options.failOnNew} since the baseline` });
  }
  // An incomplete scan is reported as incomplete first: exit 4 wins over 1, and both lines are printed.
  reasons.push(gapsReason(result, options.failOnGaps));
  const given = reasons.filter((reason): reason is ExitReason => reason !== undefined);
  for (const reason of given) io.stderr.write(`lambda-posture: ${terminalSafe(reason.line)}\n`);
  const exitCode = given.some((reason) => reason.exitCode === ExitCode.incomplete)
    ? ExitCode.incomplete
    : (given[0]?.exitCode ?? ExitCode.ok);
  return { result, exitCode, written };
}

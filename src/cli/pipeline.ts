import { atOrAbove, evaluateSnapshot } from "../engine/evaluate.js";
import type { ScanResult } from "../engine/result-schema.js";
import { defaultCheckSettings } from "../engine/settings.js";
import { readSuppressionsFile } from "../engine/suppressions.js";
import { prepareRolePermissionAnalysis } from "../engine/lookups/role-permissions.js";
import type { Snapshot } from "../snapshot/schema.js";
import { SEVERITIES, type AnyCheck } from "../engine/check.js";
import { ExitCode, InputError, type ExitCodeValue } from "./errors.js";
import { note, type CliIO } from "./io.js";
import type { ResolvedOptions } from "./options.js";
import { resolve } from "node:path";
import { writeReports, type ReportTargets } from "./write-reports.js";
import { diffScanResults, hasNewFindingsAtOrAbove, newFindingsAtOrAbove, readScanResult, renderDiff } from "../diff/index.js";
import { join } from "node:path";
import { writePrivateFile } from "../snapshot/io.js";

export interface PipelineOutcome {
  result: ScanResult;
  exitCode: ExitCodeValue;
  written: string[];
}

/** Exit 1 when an open (unsuppressed) failure is at or above --fail-on; unknowns never trigger it. */
export function exitCodeFor(result: ScanResult, failOn: ResolvedOptions["failOn"]): ExitCodeValue {
  if (failOn === "none") return ExitCode.ok;
  const failing = SEVERITIES.filter((severity) => atOrAbove(severity, failOn)).some(
    (severity) => result.summary.counts.failedBySeverity[severity] > 0,
  );
  return failing ? ExitCode.findingsAtOrAboveFailOn : ExitCode.ok;
}

/** Everything after collection, shared by `check`, `demo` and `scan`. */
export async function evaluateAndReport(
  snapshot: Snapshot,
  checks: readonly AnyCheck[],
  options: ResolvedOptions,
  targets: ReportTargets,
  io: CliIO,
  startedAt: Date,
): Promise<PipelineOutcome> {
  // Role checks expand IAM actions against the action catalogue, which loads asynchronously once.
  await prepareRolePermissionAnalysis();
  const suppressions = options.suppressions ? await readSuppressionsFile(resolve(io.cwd, options.suppressions)) : [];
  const result = evaluateSnapshot(snapshot, {
    checks,
    settings: { ...defaultCheckSettings, ...options.checkSettings },
    suppressions,
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
  if (options.baseline !== undefined) {
    const baseline = await readScanResult(resolve(io.cwd, options.baseline));
    const diff = diffScanResults(baseline, result);
    for (const warning of diff.warnings) note(io, options.quiet, `warning: ${warning}`);
    if (targets.outputDir !== undefined) {
      for (const [format, extension] of [["json", "diff.json"], ["markdown", "diff.md"]] as const) {
        const path = join(resolve(io.cwd, targets.outputDir), `lambda-posture.${extension}`);
        await writePrivateFile(path, renderDiff(diff, format));
        written.push(path);
        note(io, options.quiet, `wrote ${path}`);
      }
    }
    if (!options.quiet) io.stderr.write(renderDiff(diff, "terminal", { color: false }));
    if (options.failOnNew !== "none" && hasNewFindingsAtOrAbove(diff, options.failOnNew)) {
      note(io, options.quiet, `${newFindingsAtOrAbove(diff, options.failOnNew).length} new finding(s) at or above ${options.failOnNew} since the baseline`);
      exitCode = ExitCode.findingsAtOrAboveFailOn;
    }
  } else if (options.failOnNew !== "none") {
    throw new InputError("--fail-on-new needs --baseline OLD.json (a previous scan result)");
  }
  return { result, exitCode, written };
}

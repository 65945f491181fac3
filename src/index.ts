/**
 * lambda-posture as a library: the CLI is a thin client of these functions.
 *
 *   import { scan } from "lambda-posture";
 *   const { result } = await scan({ regions: ["eu-west-1"] });
 *   console.log(result.summary.grade);
 *
 * `collect` reads an account (read-only) into a snapshot; `check` runs the checks over a snapshot,
 * offline; `scan` does both. Errors a caller can cause are InputError (bad options or files) and
 * ScanImpossibleError (no credentials, nothing reachable); everything AWS refused is a gap in the
 * snapshot and an `unknown` result, never an exception.
 *
 * A ScanResult stores each check and each resource once; `expandedFindings(result)` (or a
 * ResultIndex, one finding at a time) gives findings with their title, severity and resource spelled out.
 */
export { collect, type CollectOptions } from "./library/collect.js";
export { check, type CheckOptions } from "./library/check.js";
export { scan, type ScanOptions, type ScanOutcome } from "./library/scan.js";
export { ALL_CHECKS, checkSettingsSchema, selectChecks } from "./library/catalogue.js";
export { readBaseline, readResult, readSuppressionsFile } from "./library/inputs.js";
export { ResultIndex, expandedFindings } from "./engine/result-index.js";
export { readSnapshot, writeSnapshot, parseSnapshot } from "./snapshot/io.js";
export { diffScanResults } from "./diff/index.js";
export { REPORTERS, reporterFor } from "./report/index.js";
export { InputError, ScanImpossibleError, UserError } from "./errors.js";
export { demoSnapshotPath } from "./package-info.js";
export type { CollectProgressEvent, CollectResult, CollectStats } from "./collect/index.js";
export type { AnyCheck, Severity, Layer, Phase, Status } from "./engine/check.js";
export type { CheckInfo, Finding, ResultFinding, ResultResource, ScanResult } from "./engine/result-schema.js";
export type { Suppression } from "./engine/suppressions.js";
export type { Snapshot, LambdaFunction, Gap } from "./snapshot/schema.js";
export type { ScanDiff } from "./diff/index.js";
export type { Reporter, ReportContext } from "./report/types.js";

import { LAYERS, SEVERITIES, type Layer, type Severity, type Status } from "../engine/check.js";
import { atOrAbove } from "../engine/evaluate.js";
import { ResultIndex } from "../engine/result-index.js";
import type { Finding, FunctionSummary, ResultFinding, ScanResult } from "../engine/result-schema.js";

/**
 * Scan-to-scan diff (DESIGN section 5: a finding's identity is `checkId + resource.arn`).
 *
 * Every failed finding of either scan lands in exactly one of `new`, `resolved`, `stillOpen` or
 * (a failure that became `unknown`) `changed` only. `changed` also lists severity and suppression
 * changes of findings that stay open, and moves between decided and `unknown`, so it overlaps
 * `stillOpen` by design: it answers "what else moved", not "what is open".
 */
export const DIFF_SCHEMA_VERSION = 1;

export type Presence = Status | "absent";

export interface NewFinding {
  finding: Finding;
  /** What the old scan said about the same check and resource. */
  previousStatus: Presence;
  /** The check did not run in the old scan (a new check or a changed --checks selection). */
  checkAdded: boolean;
  /** The resource had no result at all in the old scan (a new function, role or stage). */
  resourceAdded: boolean;
}

export interface ResolvedFinding {
  /** The finding as the old scan reported it. */
  finding: Finding;
  currentStatus: Presence;
  /** The check did not run in the new scan: "resolved" only because nobody looked. */
  checkRemoved: boolean;
  /** The resource has no result at all in the new scan (deleted, or outside the scanned regions). */
  resourceRemoved: boolean;
}

export type FindingChangeKind = "status" | "severity" | "suppression";

export interface FindingChange {
  checkId: string;
  title: string;
  resource: Finding["resource"];
  changes: FindingChangeKind[];
  old: { status: Status; severity: Severity; suppressed: boolean };
  new: { status: Status; severity: Severity; suppressed: boolean };
}

export interface ScoreChange {
  old: number | null;
  new: number | null;
  /** new − old, one decimal; null when either side has no score. */
  delta: number | null;
}

export interface FunctionScoreChange {
  arn: string;
  name: string;
  region: string;
  overall: ScoreChange;
  byLayer: Record<Layer, ScoreChange>;
  grade: { old: string | null; new: string | null };
}

export interface ScanRef {
  scanId: string;
  accountId: string;
  finishedAt: string;
  collectedAt: string;
  toolVersion: string;
  minimumSeverity: Severity;
}

export interface ScanDiff {
  schemaVersion: typeof DIFF_SCHEMA_VERSION;
  kind: "lambda-posture-diff";
  old: ScanRef;
  new: ScanRef;
  /** Reasons the comparison may mislead: other account, different severity filter or checks. */
  warnings: string[];
  account: {
    score: ScoreChange;
    grade: { old: string | null; new: string | null };
    byLayer: Record<Layer, ScoreChange>;
  };
  findings: {
    new: NewFinding[];
    resolved: ResolvedFinding[];
    stillOpen: Finding[];
    changed: FindingChange[];
  };
  functions: {
    added: FunctionSummary[];
    removed: FunctionSummary[];
    scoreChanges: FunctionScoreChange[];
  };
  /** Counts of the lists above, for one-line summaries and dashboards. */
  counts: {
    new: number;
    newBySeverity: Record<Severity, number>;
    resolved: number;
    stillOpen: number;
    changed: number;
    functionsAdded: number;
    functionsRemoved: number;
  };
}

/** The identity of a finding across scans. */
export function findingKey(finding: Pick<Finding, "checkId" | "resource">): string {
  return `${finding.checkId}\u0000${finding.resource.arn}`;
}

/** A result's findings by identity; findings stay compact until one lands in the diff. */
function indexFindings(result: ResultIndex): Map<string, ResultFinding> {
  const index = new Map<string, ResultFinding>();
  for (const finding of result.result.findings) index.set(`${finding.checkId}\u0000${result.resource(finding).arn}`, finding);
  return index;
}

function scoreChange(oldScore: number | null, newScore: number | null): ScoreChange {
  return {
    old: oldScore,
    new: newScore,
    delta: oldScore === null || newScore === null ? null : Math.round((newScore - oldScore) * 10) / 10,
  };
}

function scanRef(result: ScanResult): ScanRef {
  return {
    scanId: result.scanId,
    accountId: result.accountId,
    finishedAt: result.finishedAt,
    collectedAt: result.collectedAt,
    toolVersion: result.tool.version,
    minimumSeverity: result.filters.minimumSeverity,
  };
}

const severityOrder = (finding: Finding) => SEVERITIES.indexOf(finding.severity);
function bySeverityThenIdentity(a: Finding, b: Finding): number {
  return severityOrder(a) - severityOrder(b) || a.checkId.localeCompare(b.checkId) || a.resource.arn.localeCompare(b.resource.arn);
}

const isOpenOrUnknown = (status: Status) => status === "fail" || status === "unknown";

export function diffScanResults(oldResult: ScanResult, newResult: ScanResult): ScanDiff {
  const warnings: string[] = [];
  if (oldResult.accountId !== newResult.accountId) {
    warnings.push(`the scans are of different accounts (${oldResult.accountId} and ${newResult.accountId}): every finding differs`);
  }
  if (oldResult.filters.minimumSeverity !== newResult.filters.minimumSeverity) {
    warnings.push(
      `the scans list findings from different minimum severities (${oldResult.filters.minimumSeverity} and ${newResult.filters.minimumSeverity}): findings between the two appear as new or resolved`,
    );
  }
  const oldChecks = new Set(oldResult.checks.map((check) => check.id));
  const newChecks = new Set(newResult.checks.map((check) => check.id));
  const addedChecks = [...newChecks].filter((id) => !oldChecks.has(id));
  const removedChecks = [...oldChecks].filter((id) => !newChecks.has(id));
  if (addedChecks.length > 0) warnings.push(`checks run only in the new scan: ${addedChecks.join(", ")}`);
  if (removedChecks.length > 0) warnings.push(`checks run only in the old scan: ${removedChecks.join(", ")}`);
  const oldRegions = new Set(oldResult.regions);
  const newRegions = new Set(newResult.regions);
  if (oldRegions.size !== newRegions.size || [...oldRegions].some((region) => !newRegions.has(region))) {
    warnings.push(`the scans cover different regions (${oldResult.regions.join(", ")} and ${newResult.regions.join(", ")})`);
  }

  const oldScan = new ResultIndex(oldResult);
  const newScan = new ResultIndex(newResult);
  const oldIndex = indexFindings(oldScan);
  const newIndex = indexFindings(newScan);
  const oldResources = new Set(oldResult.resources.map((resource) => resource.arn));
  const newResources = new Set(newResult.resources.map((resource) => resource.arn));
  const severityIn = (scan: ResultIndex, finding: ResultFinding) => scan.check(finding.checkId).severity;

  const added: NewFinding[] = [];
  const resolved: ResolvedFinding[] = [];
  const stillOpen: Finding[] = [];
  const changed: FindingChange[] = [];

  for (const [key, current] of newIndex) {
    const previous = oldIndex.get(key);
    if (current.status === "fail" && previous?.status !== "fail") {
      const finding = newScan.expand(current);
      added.push({
        finding,
        previousStatus: previous?.status ?? "absent",
        checkAdded: !oldChecks.has(current.checkId),
        resourceAdded: !oldResources.has(finding.resource.arn),
      });
    } else if (current.status === "fail" && previous?.status === "fail") {
      stillOpen.push(newScan.expand(current));
    }
    if (!previous) continue;
    const changes: FindingChangeKind[] = [];
    // Moves to or from `fail` are already new or resolved; moves between pass and not applicable are noise.
    const statusMoved =
      previous.status !== current.status &&
      !(current.status === "fail" && previous.status !== "fail") &&
      !(previous.status === "fail" && current.status !== "unknown") &&
      (isOpenOrUnknown(previous.status) || isOpenOrUnknown(current.status));
    if (statusMoved) changes.push("status");
    const previousSeverity = severityIn(oldScan, previous);
    const currentSeverity = severityIn(newScan, current);
    if (previousSeverity !== currentSeverity && isOpenOrUnknown(previous.status) && isOpenOrUnknown(current.status)) {
      changes.push("severity");
    }
    if (previous.status === "fail" && current.status === "fail" && Boolean(previous.suppressed) !== Boolean(current.suppressed)) {
      changes.push("suppression");
    }
    if (changes.length > 0) {
      const { functionArns: _functionArns, ...resource } = newScan.resource(current);
      changed.push({
        checkId: current.checkId,
        title: newScan.check(current.checkId).title,
        resource,
        changes,
        old: { status: previous.status, severity: previousSeverity, suppressed: previous.suppressed !== undefined },
        new: { status: current.status, severity: currentSeverity, suppressed: current.suppressed !== undefined },
      });
    }
  }
  for (const [key, previous] of oldIndex) {
    if (previous.status !== "fail") continue;
    const current = newIndex.get(key);
    if (current?.status === "fail" || current?.status === "unknown") continue;
    const finding = oldScan.expand(previous);
    resolved.push({
      finding,
      currentStatus: current?.status ?? "absent",
      checkRemoved: !newChecks.has(previous.checkId),
      resourceRemoved: !newResources.has(finding.resource.arn),
    });
  }

  const oldFunctions = new Map(oldResult.functions.map((fn) => [fn.arn, fn]));
  const newFunctions = new Map(newResult.functions.map((fn) => [fn.arn, fn]));
  const scoreChanges: FunctionScoreChange[] = [];
  for (const [arn, current] of newFunctions) {
    const previous = oldFunctions.get(arn);
    if (!previous) continue;
    const differs =
      previous.grade !== current.grade ||
      previous.scores.overall !== current.scores.overall ||
      LAYERS.some((layer) => previous.scores[layer] !== current.scores[layer]);
    if (!differs) continue;
    scoreChanges.push({
      arn,
      name: current.name,
      region: current.region,
      overall: scoreChange(previous.scores.overall, current.scores.overall),
      byLayer: Object.fromEntries(LAYERS.map((layer) => [layer, scoreChange(previous.scores[layer], current.scores[layer])])) as Record<Layer, ScoreChange>,
      grade: { old: previous.grade, new: current.grade },
    });
  }

  added.sort((a, b) => bySeverityThenIdentity(a.finding, b.finding));
  resolved.sort((a, b) => bySeverityThenIdentity(a.finding, b.finding));
  stillOpen.sort(bySeverityThenIdentity);
  changed.sort((a, b) => a.checkId.localeCompare(b.checkId) || a.resource.arn.localeCompare(b.resource.arn));
  scoreChanges.sort((a, b) => (a.overall.delta ?? 0) - (b.overall.delta ?? 0) || a.arn.localeCompare(b.arn));
  const byArn = (a: FunctionSummary, b: FunctionSummary) => a.arn.localeCompare(b.arn);
  const functionsAdded = [...newFunctions.values()].filter((fn) => !oldFunctions.has(fn.arn)).sort(byArn);
  const functionsRemoved = [...oldFunctions.values()].filter((fn) => !newFunctions.has(fn.arn)).sort(byArn);

  const newBySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const entry of added) if (!entry.finding.suppressed) newBySeverity[entry.finding.severity] += 1;

  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    kind: "lambda-posture-diff",
    old: scanRef(oldResult),
    new: scanRef(newResult),
    warnings,
    account: {
      score: scoreChange(oldResult.summary.score, newResult.summary.score),
      grade: { old: oldResult.summary.grade, new: newResult.summary.grade },
      byLayer: Object.fromEntries(
        LAYERS.map((layer) => [layer, scoreChange(oldResult.summary.scoresByLayer[layer], newResult.summary.scoresByLayer[layer])]),
      ) as Record<Layer, ScoreChange>,
    },
    findings: { new: added, resolved, stillOpen, changed },
    functions: { added: functionsAdded, removed: functionsRemoved, scoreChanges },
    counts: {
      new: added.length,
      newBySeverity,
      resolved: resolved.length,
      stillOpen: stillOpen.length,
      changed: changed.length,
      functionsAdded: functionsAdded.length,
      functionsRemoved: functionsRemoved.length,
    },
  };
}

/**
 * What `--fail-on-new SEVERITY` gates on: a new failed finding at or above the severity that is not
 * suppressed (a suppression is an accepted risk, whenever it was added).
 */
export function newFindingsAtOrAbove(diff: ScanDiff, severity: Severity): NewFinding[] {
  return diff.findings.new.filter((entry) => !entry.finding.suppressed && atOrAbove(entry.finding.severity, severity));
}

export function hasNewFindingsAtOrAbove(diff: ScanDiff, severity: Severity | "none"): boolean {
  return severity !== "none" && newFindingsAtOrAbove(diff, severity).length > 0;
}

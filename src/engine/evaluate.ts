import { FRAMEWORK_CONTROLS, type FrameworkKey, controlTitle } from "../data/frameworks.js";
import type { ActionCatalogue } from "../policy/index.js";
import type { LambdaFunction, Snapshot } from "../snapshot/schema.js";
import { SEVERITIES, type AnyCheck, type Severity } from "./check.js";
import {
  SCAN_RESULT_SCHEMA_VERSION,
  type CheckInfo,
  type ComplianceControl,
  type FunctionSummary,
  type ResultFinding,
  type ResultResource,
  type ScanResult,
} from "./result-schema.js";
import { forEachEvaluation, type Evaluation } from "./run-checks.js";
import { ScoreAccumulator, type ScoredResult } from "./score.js";
import { engineSettingsFrom, type CheckSettingsInput } from "./settings.js";
import { createSuppressionMatcher, type Suppression } from "./suppressions.js";
import type { InvokeTarget } from "./view/resources.js";
import { SnapshotView } from "./view/view.js";

export interface EvaluateOptions {
  checks: readonly AnyCheck[];
  /** The IAM action catalogue the role checks expand actions against (`loadActionCatalogue()`). */
  catalogue: ActionCatalogue;
  /** The config file's `checkSettings`: engine settings and the checks' own thresholds. */
  checkSettings?: CheckSettingsInput;
  suppressions?: readonly Suppression[];
  /** Findings below this severity are left out of `findings` (scores still count them). */
  minimumSeverity?: Severity;
  /** The result's identity: the engine makes no ids and reads no clock of its own. */
  scanId: string;
  tool: { name: string; version: string };
  /** When the scan started (collection included). */
  startedAt: Date;
  /** The time suppression expiry is judged against. */
  now: Date;
  /** Read once, when the result is complete (`finishedAt`). */
  clock: () => Date;
  /** Where a check's remediation is documented in full (reports cut it to fit); none when absent. */
  remediationUrlOf?: (checkId: string) => string;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export function atOrAbove(severity: Severity, minimum: Severity): boolean {
  return severityRank(severity) >= severityRank(minimum);
}

/** What every finding of a check shares: stored once in the result. */
export function checkInfoOf(check: AnyCheck, remediationUrlOf?: (checkId: string) => string): CheckInfo {
  return {
    id: check.id,
    title: check.title,
    severity: check.severity,
    layer: check.layer,
    phase: check.phase,
    resourceType: check.resourceType,
    remediation: check.remediation,
    ...(remediationUrlOf ? { remediationUrl: remediationUrlOf(check.id) } : {}),
    frameworks: check.frameworks,
  };
}

/** Each resource once, in the order findings first name it; findings refer to it by index. */
class ResourceTable {
  readonly resources: ResultResource[] = [];
  private readonly indexes = new Map<string, number>();
  // runChecks shares one reference object per resource among its results: a cheap first look-up.
  private readonly byReference = new Map<object, number>();

  indexOf(evaluation: Evaluation): number {
    const { resource } = evaluation;
    let index = this.byReference.get(resource);
    if (index !== undefined) return index;
    // A function is both a function and an invoke target: two references, one resource.
    const key = `${resource.type}\u0000${resource.arn}`;
    index = this.indexes.get(key);
    if (index === undefined) {
      index = this.resources.length;
      this.resources.push({ ...resource, functionArns: [...evaluation.linkedFunctionArns] });
      this.indexes.set(key, index);
    }
    this.byReference.set(resource, index);
    return index;
  }
}

/** A result as stored: failed and unknown ones with their sentence and evidence, the rest compact. */
function toFinding(evaluation: Evaluation, resource: number, suppression: Suppression | undefined): ResultFinding {
  const { check, result } = evaluation;
  const finding: ResultFinding = { checkId: check.id, status: result.status, reason: result.reason, resource };
  if (result.status === "fail" || result.status === "unknown") {
    finding.message = result.message;
    finding.evidence = result.evidence;
  }
  if (suppression) finding.suppressed = { reason: suppression.reason, ...(suppression.expires ? { expires: suppression.expires } : {}) };
  return finding;
}

/** Inventory view of a function's triggers, one short line each (reporters show them as-is). */
export function describeTriggers(fn: LambdaFunction, view: SnapshotView): string[] {
  const triggers: string[] = [];
  if (fn.url) triggers.push(`function URL (auth ${fn.url.authType})`);
  for (const route of view.apiRoutesOf(fn)) {
    triggers.push(
      route.kind === "rest"
        ? `REST API ${route.api.name}: ${route.httpMethod} ${route.resourcePath} (auth ${route.authorizationType}${route.apiKeyRequired ? ", API key" : ""})`
        : `${route.api.protocolType} API ${route.api.name}: ${route.routeKey} (auth ${route.authorizationType})`,
    );
  }
  for (const mapping of view.eventSourceMappingsOf(fn)) triggers.push(`event source ${mapping.eventSourceArn ?? mapping.uuid}`);
  for (const alias of fn.aliases ?? []) if (alias.url) triggers.push(`alias ${alias.name} function URL (auth ${alias.url.authType})`);
  if (fn.resourcePolicy) {
    const policy = view.functionPolicy(view.invokeTargetsOf(fn)[0] as InvokeTarget);
    if (policy.ok) {
      for (const statement of policy.value.statements) {
        for (const { principal } of statement.principals) {
          if (principal) triggers.push(`resource policy: ${principal.isWildcard ? `${principal.value} (anyone)` : `${principal.type} ${principal.value}`}`);
        }
      }
    } else {
      // The policy checks report an unparseable policy; the inventory only says so.
      triggers.push("resource policy: (unparseable)");
    }
  }
  return [...new Set(triggers)];
}

type StatusTally = { pass: number; fail: number; unknown: number; not_applicable: number };
/** Per check: results by status, and the failures accepted by a suppression (not in `fail`). */
type CheckTally = StatusTally & { accepted: number };

function buildCompliance(tallies: ReadonlyMap<string, CheckTally>, checks: readonly AnyCheck[]): ComplianceControl[] {
  const controls = new Map<string, ComplianceControl>();
  for (const check of checks) {
    for (const framework of Object.keys(FRAMEWORK_CONTROLS) as FrameworkKey[]) {
      for (const control of check.frameworks[framework] ?? []) {
        const key = `${framework}\u0000${control}`;
        let entry = controls.get(key);
        if (!entry) {
          entry = { framework, control, title: controlTitle(framework, control) ?? control, checkIds: [], pass: 0, fail: 0, accepted: 0, unknown: 0, notApplicable: 0 };
          controls.set(key, entry);
        }
        entry.checkIds.push(check.id);
        const tally = tallies.get(check.id);
        if (tally) {
          entry.pass += tally.pass;
          entry.fail += tally.fail;
          entry.accepted = (entry.accepted ?? 0) + tally.accepted;
          entry.unknown += tally.unknown;
          entry.notApplicable += tally.not_applicable;
        }
      }
    }
  }
  return [...controls.values()].sort((a, b) =>
    a.framework === b.framework ? a.control.localeCompare(b.control, "en", { numeric: true }) : a.framework.localeCompare(b.framework),
  );
}

/**
 * Everything after collection: checks over the snapshot, suppressions, scores, compliance view.
 * A pure function of its inputs apart from the ids and clock values it is given.
 */
export function evaluateSnapshot(snapshot: Snapshot, options: EvaluateOptions): ScanResult {
  const checkSettings = options.checkSettings ?? {};
  const view = new SnapshotView(snapshot, { settings: engineSettingsFrom(checkSettings), catalogue: options.catalogue });
  const suppressions = createSuppressionMatcher(options.suppressions ?? [], options.now);

  const minimumSeverity = options.minimumSeverity ?? "info";
  const resources = new ResourceTable();
  const findings: ResultFinding[] = [];
  const byStatus = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
  const failedBySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  const tallies = new Map<string, CheckTally>(options.checks.map((check) => [check.id, { pass: 0, fail: 0, unknown: 0, not_applicable: 0, accepted: 0 }]));
  const suppressedByStatus = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
  const scoresByFunction = new Map(snapshot.functions.map((fn) => [fn.arn, new ScoreAccumulator()]));
  const checkErrors = forEachEvaluation(view, options.checks, checkSettings, (evaluation) => {
    const { status } = evaluation.result;
    const suppression = suppressions.match(evaluation.check.id, evaluation.resource.arn);
    byStatus[status] += 1;
    const tally = tallies.get(evaluation.check.id) as CheckTally;
    // An accepted failure is not an open failure: the compliance view shows it in its own column.
    if (suppression && status === "fail") tally.accepted += 1;
    else tally[status] += 1;
    if (suppression) suppressedByStatus[status] += 1;
    else if (status === "fail") failedBySeverity[evaluation.check.severity] += 1;
    // Findings below the minimum severity are left out of the report; scores and counts keep them.
    if (atOrAbove(evaluation.check.severity, minimumSeverity)) findings.push(toFinding(evaluation, resources.indexOf(evaluation), suppression));
    // A finding on a shared resource (role, API stage, layer) counts once for each linked function.
    if (evaluation.linkedFunctionArns.length === 0) return;
    const scored: ScoredResult = { status, severity: evaluation.check.severity, layer: evaluation.check.layer, suppressed: suppression !== undefined };
    for (const functionArn of evaluation.linkedFunctionArns) scoresByFunction.get(functionArn)?.add(scored);
  });

  const accountScores = new ScoreAccumulator();
  const functions: FunctionSummary[] = snapshot.functions.map((fn) => {
    const scores = scoresByFunction.get(fn.arn) as ScoreAccumulator;
    accountScores.merge(scores);
    const card = scores.card();
    return {
      arn: fn.arn,
      name: fn.name,
      region: fn.region,
      runtime: fn.runtime ?? null,
      role: fn.role ?? null,
      triggers: describeTriggers(fn, view),
      scores: { overall: card.overall, ...card.byLayer },
      grade: card.grade,
      coverage: card.coverage,
      counts: {
        passed: card.tally.passed,
        failed: card.tally.failed,
        unknown: card.tally.unknown,
        notApplicable: card.tally.notApplicable,
        suppressed: card.tally.suppressed,
      },
    };
  });

  const account = accountScores.card();
  const toEntry = (s: Suppression) => ({ checkId: s.checkId, resource: s.resource, reason: s.reason, ...(s.expires ? { expires: s.expires } : {}) });

  return {
    schemaVersion: SCAN_RESULT_SCHEMA_VERSION,
    scanId: options.scanId,
    tool: { name: options.tool.name, version: options.tool.version },
    startedAt: options.startedAt.toISOString(),
    finishedAt: options.clock().toISOString(),
    collectedAt: snapshot.collectedAt,
    accountId: snapshot.accountId,
    partition: snapshot.partition,
    regions: [...snapshot.regions],
    checks: options.checks.map((check) => checkInfoOf(check, options.remediationUrlOf)),
    filters: { minimumSeverity },
    summary: {
      functions: snapshot.functions.length,
      score: account.overall,
      grade: account.grade,
      scoresByLayer: account.byLayer,
      coverage: account.coverage,
      counts: {
        byStatus,
        failedBySeverity,
        suppressed: suppressedByStatus.pass + suppressedByStatus.fail + suppressedByStatus.unknown + suppressedByStatus.not_applicable,
        suppressedByStatus,
        gaps: snapshot.gaps.length,
        checkErrors: checkErrors.length,
      },
      tallies: accountScores.tallies(),
    },
    functions,
    resources: resources.resources,
    findings,
    gaps: [...snapshot.gaps],
    ...(snapshot.notes && snapshot.notes.length > 0 ? { notes: [...snapshot.notes] } : {}),
    suppressions: { expired: suppressions.expired.map(toEntry), unmatched: suppressions.unmatched().map(toEntry) },
    checkErrors,
    compliance: buildCompliance(tallies, options.checks),
  };
}

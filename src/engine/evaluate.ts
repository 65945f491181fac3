import { FRAMEWORK_CONTROLS, type FrameworkKey, controlTitle } from "../data/frameworks.js";
import type { ActionCatalogue } from "../policy/index.js";
import type { LambdaFunction, Snapshot } from "../snapshot/schema.js";
import { SEVERITIES, type AnyCheck, type Severity } from "./check.js";
import {
  SCAN_RESULT_SCHEMA_VERSION,
  type ComplianceControl,
  type Finding,
  type FunctionSummary,
  type ScanResult,
} from "./result-schema.js";
import { runChecks, type Evaluation } from "./run-checks.js";
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
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export function atOrAbove(severity: Severity, minimum: Severity): boolean {
  return severityRank(severity) >= severityRank(minimum);
}

function toFinding(evaluation: Evaluation, suppression: Suppression | undefined): Finding {
  const { check, resource, result } = evaluation;
  return {
    checkId: check.id,
    title: check.title,
    status: result.status,
    reason: result.reason,
    message: result.message,
    severity: check.severity,
    layer: check.layer,
    phase: check.phase,
    resource,
    functionArns: evaluation.linkedFunctionArns as string[],
    evidence: result.evidence,
    remediation: check.remediation,
    frameworks: check.frameworks,
    ...(suppression
      ? { suppressed: { reason: suppression.reason, ...(suppression.expires ? { expires: suppression.expires } : {}) } }
      : {}),
  };
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

function buildCompliance(findings: readonly Finding[], checks: readonly AnyCheck[]): ComplianceControl[] {
  const controls = new Map<string, ComplianceControl>();
  const byCheck = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byCheck.get(finding.checkId);
    if (list) list.push(finding);
    else byCheck.set(finding.checkId, [finding]);
  }
  for (const check of checks) {
    for (const framework of Object.keys(FRAMEWORK_CONTROLS) as FrameworkKey[]) {
      for (const control of check.frameworks[framework] ?? []) {
        const key = `${framework}\u0000${control}`;
        let entry = controls.get(key);
        if (!entry) {
          entry = { framework, control, title: controlTitle(framework, control) ?? control, checkIds: [], pass: 0, fail: 0, unknown: 0, notApplicable: 0 };
          controls.set(key, entry);
        }
        entry.checkIds.push(check.id);
        for (const finding of byCheck.get(check.id) ?? []) {
          if (finding.status === "pass") entry.pass += 1;
          else if (finding.status === "fail") entry.fail += 1;
          else if (finding.status === "unknown") entry.unknown += 1;
          else entry.notApplicable += 1;
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
  const { evaluations, checkErrors } = runChecks(view, options.checks, checkSettings);
  const suppressions = createSuppressionMatcher(options.suppressions ?? [], options.now);

  const findings: Finding[] = [];
  const scoresByFunction = new Map(snapshot.functions.map((fn) => [fn.arn, new ScoreAccumulator()]));
  for (const evaluation of evaluations) {
    const suppression = suppressions.match(evaluation.check.id, evaluation.resource.arn);
    findings.push(toFinding(evaluation, suppression));
    const scored: ScoredResult = {
      status: evaluation.result.status,
      severity: evaluation.check.severity,
      layer: evaluation.check.layer,
      suppressed: suppression !== undefined,
    };
    // A finding on a shared resource (role, API stage, layer) counts once for each linked function.
    for (const functionArn of evaluation.linkedFunctionArns) scoresByFunction.get(functionArn)?.add(scored);
  }

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
  const byStatus = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
  const failedBySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  let suppressedCount = 0;
  for (const finding of findings) {
    byStatus[finding.status] += 1;
    if (finding.suppressed) suppressedCount += 1;
    else if (finding.status === "fail") failedBySeverity[finding.severity] += 1;
  }
  const minimumSeverity = options.minimumSeverity ?? "info";
  const reported = findings.filter((finding) => atOrAbove(finding.severity, minimumSeverity));
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
    checks: options.checks.map((check) => check.id),
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
        suppressed: suppressedCount,
        gaps: snapshot.gaps.length,
        checkErrors: checkErrors.length,
      },
    },
    functions,
    findings: reported,
    gaps: [...snapshot.gaps],
    suppressions: { expired: suppressions.expired.map(toEntry), unmatched: suppressions.unmatched().map(toEntry) },
    checkErrors,
    compliance: buildCompliance(findings, options.checks),
  };
}

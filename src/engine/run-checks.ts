import type { Gap } from "../snapshot/schema.js";
import { STATUSES, type AnyCheck, type CheckOutcome, type CheckResult, type MessageValues, type Status } from "./check.js";
import { settingsOfCheck, type CheckSettingsInput } from "./settings.js";
import type { FindingResourceType, InvokeTarget, ResourceRef, ResourceType } from "./view/resources.js";
import type { SnapshotView } from "./view/view.js";

export interface Evaluation {
  check: AnyCheck;
  resource: ResourceRef;
  result: CheckResult;
  /** Functions whose scores this result counts toward. */
  linkedFunctionArns: readonly string[];
  /**
   * The resource's number in this run (0, 1, 2, ... per distinct type and resource, shared by every
   * check's result on it): lets the caller keep per-resource state in an array instead of a map.
   */
  target: number;
}

export interface CheckError {
  checkId: string;
  resourceArn: string;
  message: string;
}

/**
 * Results the engine gives itself, for every check: they are not any check's reasons, and
 * docs/checks.md lists them once.
 */
export const ENGINE_REASONS = {
  dataUnavailable: "Could not read everything this check needs: {operations}.",
  notCollected: "This snapshot was collected without {operations}.",
  checkError: "Check failed on this resource: {error}",
} as const;

class CheckContractError extends Error {}

/** An invoke target is named as what it is: the function, an alias or a version. */
function findingTypeOf(type: ResourceType, resource: object): FindingResourceType {
  return type === "invokeTarget" ? (resource as InvokeTarget).kind : type;
}

function isOutcome(value: unknown): value is CheckOutcome {
  if (value === null || typeof value !== "object") return false;
  const candidate = value as Partial<CheckOutcome>;
  return (
    STATUSES.includes(candidate.status as Status) &&
    typeof candidate.reason === "string" &&
    candidate.evidence !== null &&
    typeof candidate.evidence === "object"
  );
}

/**
 * A reason's sentence with its `{placeholders}` filled from `values`, then from the evidence. A
 * placeholder with no primitive value is a bug in the check: it becomes that resource's checkError.
 */
export function renderReason(template: string, evidence: Record<string, unknown>, values: MessageValues = {}): string {
  if (!template.includes("{")) return template;
  return template.replace(/\{([A-Za-z0-9_.]+)\}/g, (_match, name: string) => {
    const value = name in values ? values[name] : evidence[name];
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) return String(value);
    throw new CheckContractError(`the sentence of this result needs a value for {${name}}`);
  });
}

function describeGaps(gaps: readonly Gap[]) {
  return gaps.map((gap) => ({
    operation: `${gap.service}:${gap.operation}`,
    region: gap.region,
    ...(gap.resourceArn ? { resourceArn: gap.resourceArn } : {}),
    errorCode: gap.errorCode,
  }));
}

/**
 * Missing data is never a pass: when data a check requires could not be read for this resource,
 * a pass or not-applicable becomes unknown. A fail stands, because it was proven from data that
 * was read.
 */
function applyGaps(result: CheckResult, gaps: readonly Gap[]): CheckResult {
  if (gaps.length === 0) return result;
  if (result.status === "fail") return result;
  if (result.status === "unknown") {
    return { ...result, evidence: { ...result.evidence, gaps: describeGaps(gaps) } };
  }
  const operations = [...new Set(gaps.map((gap) => `${gap.service}:${gap.operation} (${gap.errorCode})`))].join(", ");
  return {
    status: "unknown",
    reason: "dataUnavailable",
    message: renderReason(ENGINE_REASONS.dataUnavailable, {}, { operations }),
    evidence: { gaps: describeGaps(gaps), resultWithoutMissingData: result.reason },
  };
}

function checkErrorResult(message: string): { result: CheckResult; error: string } {
  return { result: { status: "unknown", reason: "checkError", message: renderReason(ENGINE_REASONS.checkError, {}, { error: message }), evidence: { error: message } }, error: message };
}

function evaluateOne(check: AnyCheck, resource: unknown, view: SnapshotView, settings: Record<string, unknown>): { result: CheckResult; error?: string } {
  try {
    const outcome = (check.evaluate as (resource: unknown, view: SnapshotView, settings: unknown) => unknown)(resource, view, settings);
    if (!isOutcome(outcome)) return checkErrorResult("the check returned no valid result");
    const template = check.reasons[outcome.reason];
    if (template === undefined) return checkErrorResult(`the check returned the undeclared reason ${outcome.reason}`);
    return { result: { status: outcome.status, reason: outcome.reason, message: renderReason(template, outcome.evidence, outcome.values), evidence: outcome.evidence } };
  } catch (error) {
    return checkErrorResult(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs each check over every resource of its type and hands each result to `visit` as it is made
 * (a large account's results need not all be held at once). A check that throws yields `unknown`
 * with reason `checkError` for that resource only; the error is reported, and the other results stand.
 */
export function forEachEvaluation(
  view: SnapshotView,
  checks: readonly AnyCheck[],
  checkSettings: CheckSettingsInput,
  visit: (evaluation: Evaluation) => void,
): CheckError[] {
  const checkErrors: CheckError[] = [];
  // Each resource's reference and linked functions are built once and shared by every check's result.
  const targetsByType = new Map<ResourceType, { resource: { arn: string; name: string; region: string }; ref: ResourceRef; linked: readonly string[]; target: number }[]>();
  let targetCount = 0;
  const targetsOf = (type: ResourceType) => {
    let targets = targetsByType.get(type);
    if (!targets) {
      targets = view.resourcesOf(type).map((resource) => ({
        resource,
        ref: Object.freeze({ arn: resource.arn, name: resource.name, region: resource.region, type: findingTypeOf(type, resource) }),
        linked: Object.freeze([...view.linkedFunctionArns(type, resource.arn)]),
        target: targetCount++,
      }));
      targetsByType.set(type, targets);
    }
    return targets;
  };
  // Without any gap in the snapshot no result can turn unknown for missing data: skip the look-ups.
  const anyGap = view.snapshot.gaps.length > 0;
  for (const check of checks) {
    const notAttempted = view.operationsNotAttempted(check.requires);
    const settings = Object.freeze(settingsOfCheck(check, checkSettings));
    for (const { resource, ref, linked, target } of targetsOf(check.resourceType)) {
      let result: CheckResult;
      if (notAttempted.length > 0) {
        result = {
          status: "unknown",
          reason: "notCollected",
          message: renderReason(ENGINE_REASONS.notCollected, {}, { operations: notAttempted.join(", ") }),
          evidence: { operationsNotCollected: notAttempted },
        };
      } else {
        const outcome = evaluateOne(check, resource, view, settings);
        if (outcome.error !== undefined) {
          checkErrors.push({ checkId: check.id, resourceArn: resource.arn, message: outcome.error });
        }
        result = anyGap ? applyGaps(outcome.result, view.gapsAffecting(check.resourceType, resource, check.requires)) : outcome.result;
      }
      visit({ check, resource: ref, result, linkedFunctionArns: linked, target });
    }
  }
  return checkErrors;
}

/** Every result at once (for tests and small snapshots; the engine visits them one by one). */
export function runChecks(
  view: SnapshotView,
  checks: readonly AnyCheck[],
  checkSettings: CheckSettingsInput = {},
): { evaluations: Evaluation[]; checkErrors: CheckError[] } {
  const evaluations: Evaluation[] = [];
  const checkErrors = forEachEvaluation(view, checks, checkSettings, (evaluation) => evaluations.push(evaluation));
  return { evaluations, checkErrors };
}

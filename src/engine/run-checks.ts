import type { Gap } from "../snapshot/schema.js";
import { unknown, type AnyCheck, type CheckResult, type Status, STATUSES } from "./check.js";
import type { ResourceRef, ResourceType, SnapshotView } from "./view.js";

export interface Evaluation {
  check: AnyCheck;
  resource: ResourceRef;
  result: CheckResult;
  /** Functions whose scores this result counts toward. */
  linkedFunctionArns: readonly string[];
}

export interface CheckError {
  checkId: string;
  resourceArn: string;
  message: string;
}

function isCheckResult(value: unknown): value is CheckResult {
  if (value === null || typeof value !== "object") return false;
  const candidate = value as Partial<CheckResult>;
  return (
    STATUSES.includes(candidate.status as Status) &&
    typeof candidate.reason === "string" &&
    typeof candidate.message === "string" &&
    candidate.evidence !== null &&
    typeof candidate.evidence === "object"
  );
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
  const operations = [...new Set(gaps.map((gap) => `${gap.service}:${gap.operation} (${gap.errorCode})`))];
  if (result.status === "unknown") {
    return { ...result, evidence: { ...result.evidence, gaps: describeGaps(gaps) } };
  }
  return unknown("dataUnavailable", `Could not read everything this check needs: ${operations.join(", ")}.`, {
    gaps: describeGaps(gaps),
    resultWithoutMissingData: result.reason,
  });
}

function evaluateOne(check: AnyCheck, resource: unknown, view: SnapshotView): { result: CheckResult; error?: string } {
  try {
    const result = (check.evaluate as (resource: unknown, view: SnapshotView) => unknown)(resource, view);
    if (!isCheckResult(result)) {
      const message = "the check returned no valid result";
      return { result: unknown("checkError", `Check failed: ${message}.`, {}), error: message };
    }
    return { result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { result: unknown("checkError", `Check failed on this resource: ${message}`, { error: message }), error: message };
  }
}

/**
 * Runs each check over every resource of its type. A check that throws yields `unknown` with
 * reason `checkError` for that resource only; the error is reported, and the other results stand.
 */
export function runChecks(view: SnapshotView, checks: readonly AnyCheck[]): { evaluations: Evaluation[]; checkErrors: CheckError[] } {
  const evaluations: Evaluation[] = [];
  const checkErrors: CheckError[] = [];
  // Each resource's reference and linked functions are built once and shared by every check's result.
  const targetsByType = new Map<ResourceType, { resource: { arn: string; name: string; region: string }; ref: ResourceRef; linked: readonly string[] }[]>();
  const targetsOf = (type: ResourceType) => {
    let targets = targetsByType.get(type);
    if (!targets) {
      targets = view.resourcesOf(type).map((resource) => ({
        resource,
        ref: Object.freeze({ arn: resource.arn, name: resource.name, region: resource.region, type }),
        linked: Object.freeze([...view.linkedFunctionArns(type, resource.arn)]),
      }));
      targetsByType.set(type, targets);
    }
    return targets;
  };
  for (const check of checks) {
    const notAttempted = view.operationsNotAttempted(check.requires);
    for (const { resource, ref, linked } of targetsOf(check.resourceType)) {
      let result: CheckResult;
      if (notAttempted.length > 0) {
        result = unknown("notCollected", `This snapshot was collected without ${notAttempted.join(", ")}.`, {
          operationsNotCollected: notAttempted,
        });
      } else {
        const outcome = evaluateOne(check, resource, view);
        if (outcome.error !== undefined) {
          checkErrors.push({ checkId: check.id, resourceArn: resource.arn, message: outcome.error });
        }
        result = applyGaps(outcome.result, view.gapsAffecting(check.resourceType, resource, check.requires));
      }
      evaluations.push({ check, resource: ref, result, linkedFunctionArns: linked });
    }
  }
  return { evaluations, checkErrors };
}

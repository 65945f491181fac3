import type { CheckInfo, Finding, ResultFinding, ResultResource, ScanResult } from "./result-schema.js";

/**
 * A scan result stores each check's metadata and each resource once and lets findings refer to
 * them. Reporters, diff and merge read findings through this index, which spells a finding out (title,
 * severity, remediation, the resource itself) when they need it.
 */
export class ResultIndex {
  readonly result: ScanResult;
  private readonly checks: Map<string, CheckInfo>;

  constructor(result: ScanResult) {
    this.result = result;
    this.checks = new Map(result.checks.map((check) => [check.id, check]));
  }

  check(id: string): CheckInfo {
    const check = this.checks.get(id);
    if (!check) throw new Error(`the result has no check ${id}`);
    return check;
  }

  resource(finding: ResultFinding): ResultResource {
    const resource = this.result.resources[finding.resource];
    if (!resource) throw new Error(`the result has no resource ${finding.resource}`);
    return resource;
  }

  /** The finding with everything about it, as one object (built anew on each call). */
  expand(finding: ResultFinding): Finding {
    const check = this.check(finding.checkId);
    const { functionArns, accountId, ...resource } = this.resource(finding);
    return {
      accountId: accountId ?? this.result.accountId,
      checkId: finding.checkId,
      title: check.title,
      status: finding.status,
      reason: finding.reason,
      message: finding.message ?? "",
      severity: check.severity,
      layer: check.layer,
      phase: check.phase,
      resource,
      functionArns,
      evidence: finding.evidence ?? {},
      remediation: check.remediation,
      frameworks: check.frameworks,
      ...(finding.suppressed ? { suppressed: finding.suppressed } : {}),
    };
  }

  /** Every finding, spelled out, one at a time (a large result is never expanded whole). */
  *findings(filter: (finding: ResultFinding) => boolean = () => true): Generator<Finding> {
    for (const finding of this.result.findings) if (filter(finding)) yield this.expand(finding);
  }
}

/** The findings of a result, spelled out: for reporters and tests that want every one as an object. */
export function expandedFindings(result: ScanResult, filter?: (finding: ResultFinding) => boolean): Finding[] {
  return [...new ResultIndex(result).findings(filter)];
}

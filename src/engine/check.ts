import type { ResourceType, ResourceOf, SnapshotView } from "./view.js";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Who is responsible for the control: AWS, the customer, or both at a shared boundary. */
export const LAYERS = ["provider", "customer", "shared"] as const;
export type Layer = (typeof LAYERS)[number];

/** Where in an attack on a function the weakness is exploited. */
export const PHASES = ["trigger", "execution", "dependency", "output"] as const;
export type Phase = (typeof PHASES)[number];

export const STATUSES = ["pass", "fail", "unknown", "not_applicable"] as const;
export type Status = (typeof STATUSES)[number];

export interface Frameworks {
  /** NIST SP 800-53 rev. 5 control ids, e.g. AC-6, AU-11, SC-7(5). */
  nist80053: string[];
  /** OWASP Serverless Top 10 ids, SAS-1 .. SAS-10. */
  owaspServerless: string[];
  /** HIPAA Security Rule technical safeguards, e.g. 164.312(b). */
  hipaa: string[];
  /** AWS Foundational Security Best Practices control ids, e.g. Lambda.1. */
  fsbp: string[];
  /** CIS AWS Compute Services Benchmark recommendation ids, where one applies. */
  cis?: string[];
}

/** Fields that decided a result. Never a secret value: checks only see classified metadata. */
export type Evidence = Record<string, unknown>;

export interface CheckResult {
  status: Status;
  /** Stable camelCase id of why, e.g. `urlAuthNone`. Tests and suppressions rely on it, not on text. */
  reason: string;
  message: string;
  evidence: Evidence;
}

function result(status: Status, reason: string, message: string, evidence: Evidence = {}): CheckResult {
  return { status, reason, message, evidence };
}
export const pass = (reason: string, message: string, evidence?: Evidence) => result("pass", reason, message, evidence);
export const fail = (reason: string, message: string, evidence?: Evidence) => result("fail", reason, message, evidence);
export const unknown = (reason: string, message: string, evidence?: Evidence) =>
  result("unknown", reason, message, evidence);
export const notApplicable = (reason: string, message: string, evidence?: Evidence) =>
  result("not_applicable", reason, message, evidence);

export interface CheckDefinition<T extends ResourceType = ResourceType> {
  id: string;
  /** The secure state, e.g. "Function URL requires IAM authentication". */
  title: string;
  severity: Severity;
  layer: Layer;
  phase: Phase;
  /** What the check evaluates; a finding on a non-function resource counts for every linked function. */
  resourceType: T;
  frameworks: Frameworks;
  rationale: string;
  /** What to change, with the console path and the AWS CLI command. */
  remediation: string;
  /**
   * The read-only operations (`service:Operation`) whose data the check reads. A gap recorded for one
   * of them, for this resource, turns a pass into `unknown`; collection is driven by this list.
   */
  requires: string[];
  limitations?: string;
  evaluate(resource: ResourceOf<T>, view: SnapshotView): CheckResult;
}

export type AnyCheck = CheckDefinition<ResourceType>;

/** Identity function that gives a check its types; the completeness test validates the metadata. */
export function defineCheck<T extends ResourceType = "function">(
  definition: Omit<CheckDefinition<T>, "resourceType"> & { resourceType?: T },
): CheckDefinition<T> {
  return { ...definition, resourceType: (definition.resourceType ?? "function") as T };
}

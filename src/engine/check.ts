import type { z } from "zod";
import type { ResourceOf, ResourceType } from "./view/resources.js";
import type { SnapshotView } from "./view/view.js";

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

/** Values for the `{placeholders}` of a reason's sentence that are not evidence fields. */
export type MessageValues = Record<string, string | number | boolean | null>;

/**
 * What a check returns: a status and a declared reason id, with the fields that decided it. The
 * sentence is the reason's declared text, its `{placeholders}` filled from `values`, then from the
 * evidence, by the engine.
 */
export interface CheckOutcome<R extends string = string> {
  status: Status;
  /** Stable camelCase id of why, e.g. `urlAuthNone`. Tests and suppressions rely on it, not on text. */
  reason: R;
  evidence: Evidence;
  values?: MessageValues;
}

/** A check's outcome with its sentence: what findings carry. */
export interface CheckResult {
  status: Status;
  reason: string;
  message: string;
  evidence: Evidence;
}

function outcome<R extends string>(status: Status, reason: R, evidence: Evidence = {}, values?: MessageValues): CheckOutcome<R> {
  return values === undefined ? { status, reason, evidence } : { status, reason, evidence, values };
}
export const pass = <R extends string>(reason: R, evidence?: Evidence, values?: MessageValues) => outcome("pass", reason, evidence, values);
export const fail = <R extends string>(reason: R, evidence?: Evidence, values?: MessageValues) => outcome("fail", reason, evidence, values);
export const unknown = <R extends string>(reason: R, evidence?: Evidence, values?: MessageValues) => outcome("unknown", reason, evidence, values);
export const notApplicable = <R extends string>(reason: R, evidence?: Evidence, values?: MessageValues) =>
  outcome("not_applicable", reason, evidence, values);

/** Reason ids with their sentences, e.g. `{ urlAuthNone: "The function URL accepts unauthenticated requests." }`. */
export type Reasons = Readonly<Record<string, string>>;

/** A check's own thresholds: a zod object whose every field has a default. */
export type CheckSettingsSchema = z.ZodObject<z.ZodRawShape>;
type SettingsOf<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export interface CheckDefinition<T extends ResourceType = ResourceType, R extends Reasons = Reasons, S extends CheckSettingsSchema | undefined = CheckSettingsSchema | undefined> {
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
  /** Every reason the check can return, with its sentence; docs/checks.md lists them. */
  reasons: R;
  /** The check's thresholds, each with a default; the config file's `checkSettings` is composed from them. */
  settings?: S;
  limitations?: string;
  evaluate(resource: ResourceOf<T>, view: SnapshotView, settings: SettingsOf<S>): CheckOutcome<keyof R & string>;
}

/** Any check, as the engine and the catalogue hold them. */
export interface AnyCheck {
  id: string;
  title: string;
  severity: Severity;
  layer: Layer;
  phase: Phase;
  resourceType: ResourceType;
  frameworks: Frameworks;
  rationale: string;
  remediation: string;
  requires: string[];
  reasons: Reasons;
  settings?: CheckSettingsSchema;
  limitations?: string;
  evaluate(resource: never, view: SnapshotView, settings: never): CheckOutcome;
}

/**
 * Gives a check its types: `fail()`, `unknown()`... may only name a reason declared in `reasons`
 * (a type error otherwise), and `evaluate` receives the check's own settings, typed. The index test
 * validates the rest of the metadata.
 */
export function defineCheck<T extends ResourceType = "function", const R extends Reasons = Reasons, S extends CheckSettingsSchema | undefined = undefined>(
  definition: Omit<CheckDefinition<T, R, S>, "resourceType" | "evaluate"> & {
    resourceType?: T;
    evaluate(resource: ResourceOf<T>, view: SnapshotView, settings: SettingsOf<S>): CheckOutcome<NoInfer<keyof R & string>>;
  },
): AnyCheck & CheckDefinition<T, R, S> {
  return { ...definition, resourceType: (definition.resourceType ?? "function") as T } as AnyCheck & CheckDefinition<T, R, S>;
}

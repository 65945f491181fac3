import {
  analyseRolePermissions,
  describeStatement,
  loadActionCatalogue,
  PolicyParseError,
  type ActionCatalogue,
  type Capability,
  type Grant,
  type RolePermissionAnalysis,
} from "../../policy/index.js";
import type { Role } from "../../snapshot/schema.js";
import { unknown, type CheckResult } from "../check.js";
import type { SnapshotView } from "../view.js";

/**
 * Role permission analysis for checks. The IAM action catalogue loads asynchronously, while checks are
 * synchronous, so the catalogue is loaded once per process before checks run
 * (`await prepareRolePermissionAnalysis()`); analyses are cached per role object of a view, so the seven
 * role checks analyse each role once.
 */
let catalogue: ActionCatalogue | undefined;

export async function prepareRolePermissionAnalysis(): Promise<ActionCatalogue> {
  catalogue ??= await loadActionCatalogue();
  return catalogue;
}

/** For tests that pin a small catalogue. */
export function useActionCatalogue(value: ActionCatalogue): void {
  catalogue = value;
}

export type RolePermissionsLookup =
  | { status: "analysed"; analysis: RolePermissionAnalysis }
  /** Some policy the answer depends on was not read: the parts are named so the result can say which. */
  | { status: "incomplete"; notRead: string[] };

const cache = new WeakMap<Role, RolePermissionsLookup>();

/** The policies of a role, or what is missing to analyse it. */
export function rolePermissionsOf(view: SnapshotView, role: Role): RolePermissionsLookup {
  const cached = cache.get(role);
  if (cached) return cached;
  const computed = compute(view, role);
  cache.set(role, computed);
  return computed;
}

function compute(view: SnapshotView, role: Role): RolePermissionsLookup {
  if (!catalogue) {
    throw new Error("the IAM action catalogue is not loaded: call prepareRolePermissionAnalysis() before running role checks");
  }
  const notRead: string[] = [];
  if (role.attachedPolicyArns === undefined) notRead.push("attachedPolicyArns");
  if (role.inlinePolicies === undefined) notRead.push("inlinePolicies");
  if (role.permissionsBoundaryArn === undefined) notRead.push("permissionsBoundaryArn");
  const policies = view.policiesOfRole(role);
  notRead.push(...policies.missingManagedPolicyArns);
  for (const policy of policies.managedPolicies) if (policy.document === undefined) notRead.push(policy.arn);
  for (const inline of role.inlinePolicies ?? []) if (inline.document === undefined) notRead.push(`inline:${inline.name}`);
  if (role.permissionsBoundaryArn && (policies.permissionsBoundary === undefined || policies.permissionsBoundary?.document === undefined)) {
    notRead.push(role.permissionsBoundaryArn);
  }
  if (notRead.length > 0) return { status: "incomplete", notRead };
  const analysis = analyseRolePermissions(
    {
      inlinePolicies: (role.inlinePolicies ?? []).map((inline) => ({ name: inline.name, document: inline.document })),
      managedPolicies: policies.managedPolicies.map((policy) => ({ arn: policy.arn, name: policy.name, document: policy.document })),
      permissionsBoundary:
        policies.permissionsBoundary && role.permissionsBoundaryArn
          ? { arn: role.permissionsBoundaryArn, document: policies.permissionsBoundary.document }
          : null,
    },
    catalogue,
  );
  return { status: "analysed", analysis };
}

/** Evidence naming the statement that grants something: policy and statement, never the whole document. */
export function describeGrant(grant: Grant): Record<string, unknown> {
  return {
    policy: grant.policy.arn ?? `inline:${grant.policy.name}`,
    statement: describeStatement(grant.statement, grant.policy.name),
    resources: grant.resources ?? (grant.notResources ? { notResource: grant.notResources } : null),
    conditional: grant.conditional,
  };
}

export function describeCapability(capability: Capability): Record<string, unknown> {
  return { action: capability.action, grantedBy: capability.grants.map(describeGrant) };
}

/**
 * The analysis a role check judges, or the unknown result to return when a policy it depends on was
 * not read or cannot be interpreted.
 */
export function analysedRoleOrUnknown(view: SnapshotView, role: Role): RolePermissionAnalysis | CheckResult {
  let lookup: RolePermissionsLookup;
  try {
    lookup = rolePermissionsOf(view, role);
  } catch (error) {
    if (error instanceof PolicyParseError) return unknown("policyUnparseable", "A policy of the role could not be interpreted.", { error: error.message });
    throw error;
  }
  if (lookup.status === "incomplete") {
    return unknown("policiesNotRead", "Some of the role's policies were not read.", { notRead: lookup.notRead });
  }
  return lookup.analysis;
}

export function isCheckResult(value: RolePermissionAnalysis | CheckResult): value is CheckResult {
  return "status" in value && "reason" in value;
}

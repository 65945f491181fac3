import type { EscalationPathDefinition, EscalationTargetKind } from "./capability-catalogue.js";
import { comparePermissions } from "./permission-compare.js";
import { globCovers, resourcePatternCovers } from "./resource-match.js";
import type { Capability, RolePermissionAnalysis } from "./role.js";
import type { AccountContext } from "./scope.js";

/**
 * Privilege escalation judged on its targets, where the snapshot can name them (issue 11, class 3):
 * - iam:PassRole (with compute creation, or with lambda:UpdateFunctionConfiguration): escalation only
 *   if some passable role holds more than this one. Passing itself gains nothing.
 * - lambda:UpdateFunctionCode / UpdateFunctionConfiguration (layer): escalation only if some updatable
 *   function runs as a role holding more than this one.
 * - iam:AttachRolePolicy / iam:PutRolePolicy: a role under a permissions boundary gets at most the
 *   boundary ("A permissions boundary ... defines the maximum permissions that identity-based policies
 *   can grant", https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html), so
 *   writing its policies escalates only if the boundary allows more than this role holds, or if this role
 *   can also replace or delete the boundary (iam:PutRolePermissionsBoundary, iam:DeleteRolePermissionsBoundary).
 * A target that cannot be resolved (a pattern the snapshot cannot enumerate, a role whose policies were
 * not read) keeps the path, and the evidence says so. Comparisons read the targets' permissions, never
 * their escalation paths, so there is no recursion (a role that passes itself; A→B→A).
 */

export interface TargetRole {
  arn: string;
  /** The role's permissions; undefined when its policies were not read or not understood. */
  analysis(): RolePermissionAnalysis | undefined;
}

export interface TargetFunction {
  arn: string;
  /** The function's execution role; undefined when not read. */
  roleArn: string | undefined;
}

export interface TargetBoundary {
  arn: string;
  /** The boundary document analysed as a policy; undefined when not read or not understood. */
  analysis(): RolePermissionAnalysis | undefined;
}

/** What the caller (the view) knows about the roles and functions of the account. */
export interface EscalationTargets {
  /** The ARN of the role analysed. */
  roleArn: string;
  /** The roles a resource pattern names; undefined when the snapshot cannot list every role it names. */
  rolesMatching(pattern: string): readonly TargetRole[] | undefined;
  /** The functions a resource pattern names; undefined when the snapshot cannot list every function it names. */
  functionsMatching(pattern: string): readonly TargetFunction[] | undefined;
  /** A role's permissions boundary: null when it has none, undefined when not known. */
  boundaryOf(roleArn: string): TargetBoundary | null | undefined;
}

export type TargetVerdict =
  /** The target is the analysed role itself: nothing to gain. */
  | "self"
  | "holdsNoMore"
  | "holdsMore"
  /** The boundary caps what a written policy can grant at no more than this role holds. */
  | "boundaryCaps"
  /** The role has no boundary: any policy written to it takes effect. */
  | "unbounded"
  /** This role can also replace or delete the target's boundary. */
  | "boundaryRemovable"
  /** The snapshot cannot say which roles or functions the pattern names, or what they hold. */
  | "unresolved";

export interface EscalationTargetJudgement {
  /** The Resource pattern of the granting statement. */
  pattern: string;
  /** The role or function judged; null when the pattern could not be resolved. */
  arn: string | null;
  verdict: TargetVerdict;
  /** What the target holds beyond this role (`s3:DeleteBucket on *`), or why it is unresolved. */
  detail: string | null;
}

export interface EscalationPath {
  id: string;
  description: string;
  /** For each action involved, the statements granting it. */
  actions: Capability[];
  /** The targets judged, when the path has a target and a resolver was given. */
  targets?: EscalationTargetJudgement[];
}

export interface DismissedEscalationPath extends EscalationPath {
  targets: EscalationTargetJudgement[];
}

const ESCALATING = new Set<TargetVerdict>(["holdsMore", "unbounded", "boundaryRemovable", "unresolved"]);

interface Judge {
  self: RolePermissionAnalysis;
  targets: EscalationTargets;
  account: AccountContext | undefined;
}

/** The Resource patterns an action is allowed on, after Denies and the boundary. */
function patternsOf(analysis: RolePermissionAnalysis, action: string, ownAccountOnly: boolean, account: AccountContext | undefined): string[] {
  const resources = analysis.resourcesFor(action);
  const own = account?.accountId;
  const every = resources.every.filter((item) => !ownAccountOnly || own === undefined || ((item.scope.account === "*" || globCovers(item.scope.account, own, false)) && !item.exceptAccounts.includes(own)));
  // An `every` entry is a pattern like any other: the resolver says whether it can enumerate it.
  return [...new Set([...every.map((item) => item.pattern), ...resources.named.map((item) => item.pattern)])];
}

function compareRole(judge: Judge, pattern: string, role: TargetRole): EscalationTargetJudgement {
  if (role.arn === judge.targets.roleArn) return { pattern, arn: role.arn, verdict: "self", detail: null };
  const analysis = role.analysis();
  if (analysis === undefined) return { pattern, arn: role.arn, verdict: "unresolved", detail: "the role's policies were not read" };
  const comparison = comparePermissions(analysis, judge.self);
  return comparison.holdsNoMore
    ? { pattern, arn: role.arn, verdict: "holdsNoMore", detail: null }
    : { pattern, arn: role.arn, verdict: "holdsMore", detail: comparison.firstExtra === null ? null : `${comparison.firstExtra.action} on ${comparison.firstExtra.resource}` };
}

function rolesOf(judge: Judge, pattern: string): readonly TargetRole[] | EscalationTargetJudgement {
  const roles = judge.targets.rolesMatching(pattern);
  return roles ?? { pattern, arn: null, verdict: "unresolved", detail: "the snapshot cannot list every role this pattern names" };
}

function passedRoles(judge: Judge, action: string): EscalationTargetJudgement[] {
  return patternsOf(judge.self, action, true, judge.account).flatMap((pattern) => {
    const roles = rolesOf(judge, pattern);
    return "verdict" in roles ? [roles] : roles.map((role) => compareRole(judge, pattern, role));
  });
}

function updatedFunctions(judge: Judge, action: string): EscalationTargetJudgement[] {
  return patternsOf(judge.self, action, false, judge.account).flatMap((pattern) => {
    const functions = judge.targets.functionsMatching(pattern);
    if (functions === undefined) return [{ pattern, arn: null, verdict: "unresolved" as const, detail: "the snapshot cannot list every function this pattern names" }];
    return functions.map((fn): EscalationTargetJudgement => {
      if (fn.roleArn === undefined) return { pattern, arn: fn.arn, verdict: "unresolved", detail: "the function's role was not read" };
      if (fn.roleArn === judge.targets.roleArn) return { pattern, arn: fn.arn, verdict: "self", detail: null };
      const roles = judge.targets.rolesMatching(fn.roleArn);
      const role = roles?.[0];
      if (role === undefined) return { pattern, arn: fn.arn, verdict: "unresolved", detail: `its role ${fn.roleArn} is not in the snapshot` };
      return { ...compareRole(judge, pattern, role), arn: fn.arn };
    });
  });
}

function canRemoveBoundary(self: RolePermissionAnalysis, roleArn: string): boolean {
  return ["iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"].some((action) => {
    const resources = self.resourcesFor(action);
    return resources.every.length > 0 || resources.named.some((item) => resourcePatternCovers(item.pattern, roleArn));
  });
}

function policyRoles(judge: Judge, action: string): EscalationTargetJudgement[] {
  return patternsOf(judge.self, action, false, judge.account).flatMap((pattern) => {
    const roles = rolesOf(judge, pattern);
    if ("verdict" in roles) return [roles];
    return roles.map((role): EscalationTargetJudgement => {
      const boundary = judge.targets.boundaryOf(role.arn);
      if (boundary === undefined) return { pattern, arn: role.arn, verdict: "unresolved", detail: "the role's permissions boundary was not read" };
      if (boundary === null) return { pattern, arn: role.arn, verdict: "unbounded", detail: null };
      if (canRemoveBoundary(judge.self, role.arn)) return { pattern, arn: role.arn, verdict: "boundaryRemovable", detail: boundary.arn };
      const limit = boundary.analysis();
      if (limit === undefined) return { pattern, arn: role.arn, verdict: "unresolved", detail: `the boundary ${boundary.arn} was not read` };
      const comparison = comparePermissions(limit, judge.self);
      return comparison.holdsNoMore
        ? { pattern, arn: role.arn, verdict: "boundaryCaps", detail: boundary.arn }
        : { pattern, arn: role.arn, verdict: "holdsMore", detail: comparison.firstExtra === null ? null : `${comparison.firstExtra.action} on ${comparison.firstExtra.resource} (boundary ${boundary.arn})` };
    });
  });
}

const TARGET_JUDGES: Record<EscalationTargetKind, (judge: Judge, action: string) => EscalationTargetJudgement[]> = {
  passedRole: passedRoles,
  updatedFunction: updatedFunctions,
  policyRole: policyRoles,
};

/** Split the paths the actions allow into escalations and paths dismissed by their targets. */
export function judgeEscalationPaths(
  candidates: readonly { definition: EscalationPathDefinition; actions: Capability[] }[],
  self: RolePermissionAnalysis,
  targets: EscalationTargets | undefined,
  account: AccountContext | undefined,
): { paths: EscalationPath[]; dismissed: DismissedEscalationPath[] } {
  const paths: EscalationPath[] = [];
  const dismissed: DismissedEscalationPath[] = [];
  for (const { definition, actions } of candidates) {
    const path: EscalationPath = { id: definition.id, description: definition.description, actions };
    if (targets === undefined || definition.target === undefined) {
      paths.push(path);
      continue;
    }
    const judged = TARGET_JUDGES[definition.target.kind]({ self, targets, account }, definition.target.action);
    if (judged.length === 0 || judged.some((item) => ESCALATING.has(item.verdict))) paths.push({ ...path, targets: judged });
    else dismissed.push({ ...path, targets: judged });
  }
  return { paths, dismissed };
}

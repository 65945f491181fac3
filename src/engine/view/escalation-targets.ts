import { parseArn } from "../../arn.js";
import { resourcePatternCovers, type EscalationTargets, type RolePermissionAnalysis, type TargetBoundary, type TargetFunction, type TargetRole } from "../../policy/index.js";
import type { LambdaFunction, Role } from "../../snapshot/schema.js";

/**
 * The snapshot's answer to "which roles and functions does this Resource pattern name?", for the role
 * analysis to judge escalation on its targets. The snapshot holds the roles functions run as, not every
 * role of the account, so only an exact role ARN resolves; it holds every function of the regions it
 * listed, so a function pattern of this account resolves when its region was listed completely.
 */

export interface TargetSource {
  accountId: string;
  functions: readonly LambdaFunction[];
  role(arn: string): Role | undefined;
  functionByArn(arn: string): LambdaFunction | undefined;
  /** Was the region's function inventory read completely (ListFunctions attempted, no gap)? */
  functionInventoryComplete(region: string): boolean;
  /** A role's permissions, undefined when its policies were not read or not understood. */
  permissionsOf(role: Role): RolePermissionAnalysis | undefined;
  /** A boundary policy's permissions: null no boundary; undefined not known. */
  boundaryOf(role: Role): TargetBoundary | null | undefined;
}

const hasWildcard = (value: string) => /[*?]/.test(value);

function functionsMatching(source: TargetSource, pattern: string): TargetFunction[] | undefined {
  const toTarget = (fn: LambdaFunction): TargetFunction => ({ arn: fn.arn, roleArn: fn.role });
  if (!hasWildcard(pattern)) {
    const fn = source.functionByArn(pattern);
    return fn === undefined ? undefined : [toTarget(fn)];
  }
  const arn = parseArn(pattern);
  if (arn === undefined || arn.account !== source.accountId || hasWildcard(arn.region) || arn.service !== "lambda") return undefined;
  if (!source.functionInventoryComplete(arn.region)) return undefined;
  // A pattern on function names also names their versions and aliases (`function:orders*`): the
  // unqualified ARN stands for them.
  return source.functions.filter((fn) => fn.region === arn.region && (resourcePatternCovers(pattern, fn.arn) || resourcePatternCovers(pattern, `${fn.arn}:$LATEST`))).map(toTarget);
}

export function escalationTargets(roleArn: string, source: TargetSource): EscalationTargets {
  const targetRole = (role: Role): TargetRole => ({ arn: role.arn, analysis: () => source.permissionsOf(role) });
  return {
    roleArn,
    rolesMatching(pattern) {
      if (hasWildcard(pattern)) return undefined;
      const role = source.role(pattern);
      return role === undefined ? undefined : [targetRole(role)];
    },
    functionsMatching: (pattern) => functionsMatching(source, pattern),
    boundaryOf(arn) {
      const role = source.role(arn);
      return role === undefined ? undefined : source.boundaryOf(role);
    },
  };
}

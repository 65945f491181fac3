import { patternWithinScope, resourcePatternCovers, scopeWithin } from "./resource-match.js";
import type { ActionResources, RolePermissionAnalysis } from "./role.js";

/**
 * Does one set of permissions hold no more than another? Used to judge escalation targets: passing a
 * role, or replacing the code of a function whose role, holds no more than the caller's own gains
 * nothing. Compared per action and resource (every resource within a scope, or named patterns);
 * conditions on Allows are not compared, so a conditional grant counts as held.
 */

export interface Comparison {
  holdsNoMore: boolean;
  /** The first action (with a resource) the other side holds beyond the reference, for evidence. */
  firstExtra: { action: string; resource: string } | null;
}

function coveredBy(target: ActionResources, reference: ActionResources): { resource: string } | null {
  for (const every of target.every) {
    if (!reference.every.some((item) => scopeWithin(every.scope, item.scope))) return { resource: `every resource in ${every.scope.account}` };
  }
  for (const named of target.named) {
    const covered = reference.every.some((item) => patternWithinScope(named.pattern, item.scope)) || reference.named.some((item) => resourcePatternCovers(item.pattern, named.pattern));
    if (!covered) return { resource: named.pattern };
  }
  return null;
}

export function comparePermissions(target: RolePermissionAnalysis, reference: RolePermissionAnalysis): Comparison {
  for (const action of target.allowedActions()) {
    if (!reference.isAllowed(action)) return { holdsNoMore: false, firstExtra: { action, resource: "*" } };
    const extra = coveredBy(target.resourcesFor(action), reference.resourcesFor(action));
    if (extra !== null) return { holdsNoMore: false, firstExtra: { action, resource: extra.resource } };
  }
  return { holdsNoMore: true, firstExtra: null };
}

import { actionMatches, isBareWildcard, patternSubsumes } from "./match.js";
import type { ParsedPrincipal, ParsedStatement, StatementRef } from "./parse.js";
import { samePrincipal } from "./principal.js";

/**
 * Deny subtraction for resource and trust policies. Conservative by design: a Deny neutralises an Allow
 * only when it clearly covers it — no Condition (a conditional Deny may not apply to the request), a
 * Principal (not NotPrincipal) that is `*` or the same principal, every action the Allow grants, and
 * every resource it names. Anything less and the Allow is kept, because overstating a Deny would hide
 * exposure. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

function coversPrincipal(deny: ParsedStatement, principal: ParsedPrincipal | null): boolean {
  if (deny.principal === null) return false;
  if (deny.principal.some((entry) => entry.isWildcard && (entry.type === "*" || entry.type === "AWS"))) return true;
  // An Allow with NotPrincipal (principal null here) reaches everyone: only a Deny on `*` covers it.
  return principal !== null && deny.principal.some((entry) => samePrincipal(entry, principal));
}

function coversAction(deny: ParsedStatement, action: string): boolean {
  if (deny.action !== null) return deny.action.some((pattern) => actionMatches(pattern, action));
  return deny.notAction !== null && !deny.notAction.some((pattern) => actionMatches(pattern, action));
}

/** Actions given as patterns (an Allow's Action list): each must be subsumed by a Deny pattern. */
function coversActionPattern(deny: ParsedStatement, pattern: string): boolean {
  if (deny.action === null) return false;
  return deny.action.some((denied) => patternSubsumes(denied, pattern, true));
}

function coversResources(deny: ParsedStatement, resources: string[] | null): boolean {
  if (deny.notResource !== null) return false;
  // Resource may be absent from resource-based and trust policies: it then means this resource.
  if (deny.resource === null) return true;
  if (deny.resource.some(isBareWildcard)) return true;
  if (resources === null) return false;
  return resources.every((resource) => deny.resource?.some((denied) => patternSubsumes(denied, resource, false)) ?? false);
}

export interface DenyTarget {
  principal: ParsedPrincipal | null;
  /** Concrete actions to cover (e.g. lambda:InvokeFunction); when empty, `actionPatterns` are used. */
  actions: readonly string[];
  actionPatterns: readonly string[] | null;
  resources: string[] | null;
}

/** The first unconditional Deny that clearly covers the target, or null. */
export function findNeutralisingDeny(denies: readonly ParsedStatement[], target: DenyTarget): StatementRef | null {
  for (const deny of denies) {
    if (deny.conditions.length > 0) continue;
    if (!coversPrincipal(deny, target.principal)) continue;
    if (!coversResources(deny, target.resources)) continue;
    const actionsCovered =
      target.actions.length > 0
        ? target.actions.every((action) => coversAction(deny, action))
        : target.actionPatterns !== null && target.actionPatterns.every((pattern) => coversActionPattern(deny, pattern));
    if (actionsCovered) return { index: deny.index, sid: deny.sid };
  }
  return null;
}

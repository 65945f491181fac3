import { denyApplicability, type Caller, type DenyContext } from "./deny-conditions.js";
import { actionMatches, isBareWildcard, patternSubsumes } from "./match.js";
import type { ParsedCondition, ParsedPrincipal, ParsedStatement, StatementRef } from "./parse.js";
import { samePrincipal } from "./principal.js";
import { resourcePatternsOverlap } from "./resource-match.js";
import { narrowest, type Reach } from "./scope.js";

/**
 * Deny subtraction for resource and trust policies. An explicit Deny overrides an Allow
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html).
 * A Deny is applied to an Allow's principal when it clearly covers it: a Principal (not NotPrincipal)
 * that is `*` or the same principal, every action the Allow grants, and the Allow's resources — named
 * in Resource, or left outside a NotResource list ("NotResource ... explicitly matches every resource
 * except those specified", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html).
 * Then its conditions decide (deny-conditions.ts):
 * - none, or true for every such caller: the principal is neutralised;
 * - true only outside a scope ("deny unless our organisation"): the principal's reach is bounded by it;
 * - unknown: nothing is subtracted, and the Deny is reported as limiting the grant by a condition.
 * Anything less than clear coverage keeps the Allow: overstating a Deny would hide exposure.
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
  if (deny.notResource !== null) {
    // Everything but the listed resources is denied: the Allow is covered when none of its resources
    // can be one of them.
    if (resources === null) return false;
    return resources.every((resource) => !deny.notResource?.some((excepted) => resourcePatternsOverlap(excepted, resource)));
  }
  // Resource may be absent from resource-based and trust policies: it then means this resource.
  if (deny.resource === null) return true;
  if (deny.resource.some(isBareWildcard)) return true;
  if (resources === null) return false;
  return resources.every((resource) => deny.resource?.some((denied) => patternSubsumes(denied, resource, false)) ?? false);
}

export interface DenyTarget {
  principal: ParsedPrincipal | null;
  /** How a Deny's conditions see this principal's callers. */
  caller: Caller;
  /** Concrete actions to cover (e.g. lambda:InvokeFunction); when empty, `actionPatterns` are used. */
  actions: readonly string[];
  actionPatterns: readonly string[] | null;
  resources: string[] | null;
}

export interface DenyOutcome {
  /** The Deny that cancels the grant for every caller of this principal. */
  neutralisedBy: StatementRef | null;
  /** The narrowest scope a conditional Deny leaves the grant ("deny unless our organisation"). */
  boundedBy: { statement: StatementRef; reach: Reach; conditions: ParsedCondition[] } | null;
  /** Denies that cover the grant but whose conditions could not be judged: reported, not subtracted. */
  limitedByCondition: { statement: StatementRef; conditions: ParsedCondition[] }[];
}

function covers(deny: ParsedStatement, target: DenyTarget): boolean {
  if (!coversPrincipal(deny, target.principal) || !coversResources(deny, target.resources)) return false;
  return target.actions.length > 0
    ? target.actions.every((action) => coversAction(deny, action))
    : target.actionPatterns !== null && target.actionPatterns.every((pattern) => coversActionPattern(deny, pattern));
}

const ref = (statement: ParsedStatement): StatementRef => ({ index: statement.index, sid: statement.sid });

/** What the policy's Deny statements leave of one principal's grant. */
export function applyDenies(denies: readonly ParsedStatement[], target: DenyTarget, ctx: DenyContext): DenyOutcome {
  const outcome: DenyOutcome = { neutralisedBy: null, boundedBy: null, limitedByCondition: [] };
  for (const deny of denies) {
    if (!covers(deny, target)) continue;
    const verdict = denyApplicability(deny.conditions, target.caller, ctx);
    if (verdict.applies === "always") {
      outcome.neutralisedBy ??= ref(deny);
    } else if (verdict.applies === "outside") {
      const current = outcome.boundedBy;
      if (current === null || narrowest([current.reach, verdict.reach]) === verdict.reach) {
        outcome.boundedBy = { statement: ref(deny), reach: verdict.reach, conditions: verdict.deciding };
      }
    } else if (verdict.applies === "unknown" || verdict.applies === "outsideAccounts") {
      outcome.limitedByCondition.push({ statement: ref(deny), conditions: verdict.applies === "unknown" ? verdict.conditions : verdict.deciding });
    }
  }
  return outcome;
}

import { isAccountId } from "../arn.js";
import { accountsNamed, scopeKindOf, valueIsUnscoped, type ScopeKind } from "./conditions.js";
import { classifyOrganisations, organisationIdOf } from "./organisation.js";
import type { ParsedCondition } from "./parse.js";
import { classifyAccounts, widest, type AccountContext, type Reach } from "./scope.js";

/**
 * When does a Deny with conditions apply to a kind of caller? A Deny's conditions are ANDed; each is
 * judged for the caller as one of: true for every such caller, false for every one, true only for
 * callers outside a scope (the negated idioms "deny unless aws:PrincipalOrgID is ours", "deny unless
 * aws:SourceAccount is ours", StringNotEquals / ArnNotLike), or unknown.
 *
 * The rule for absent keys decides most answers: "If the key that you specify in a policy condition is
 * not present in the request context, the values do not match and the condition is false. If the policy
 * condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key
 * is not present, the condition is true." (also with ...IfExists).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * Which keys a request carries: aws:SourceAccount / aws:SourceArn / aws:SourceOrgID only when a service
 * principal calls on behalf of a resource; aws:PrincipalAccount / aws:PrincipalArn / aws:PrincipalOrgID
 * / aws:PrincipalIsAWSService only in signed requests (not anonymous ones, such as a function URL with
 * AuthType NONE). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *
 * Whatever cannot be judged is "unknown": the Deny then subtracts nothing and is reported as limiting by
 * a condition. Service principals and principal keys are left unknown (the key's presence for service
 * calls is not documented on the keys page).
 */

/** Who a grant lets in, as far as a Deny's conditions can tell callers apart. */
export type Caller =
  /** Principal `*` (and NotPrincipal): any signed principal of any account, any service, anonymous callers. */
  | { kind: "anyone" }
  /** IAM principals of these accounts, calling directly (signed, with no source keys). */
  | { kind: "accounts"; accountIds: readonly string[] }
  /** A service principal; `sourceAccountIds` null when its grant does not pin the source's account. */
  | { kind: "service"; sourceAccountIds: readonly string[] | null }
  /** Federated and CanonicalUser principals. */
  | { kind: "external" };

export type DenyApplicability =
  | { applies: "always" }
  | { applies: "never" }
  /** Callers inside `reach` escape the Deny; everyone else of this kind is denied. */
  | { applies: "outside"; reach: Reach; deciding: ParsedCondition[] }
  /** The Deny applies to resources outside these accounts (aws:ResourceAccount), for identity policies. */
  | { applies: "outsideAccounts"; accountIds: string[]; deciding: ParsedCondition[] }
  | { applies: "unknown"; conditions: ParsedCondition[] };

export interface DenyContext extends AccountContext {
  /** The account of the resource the policy is attached to (resource and trust policies); undefined for identity policies. */
  resourceAccountId?: string;
}

type Verdict = DenyApplicability;
const ALWAYS: Verdict = { applies: "always" };
const NEVER: Verdict = { applies: "never" };
const unknown = (condition: ParsedCondition): Verdict => ({ applies: "unknown", conditions: [condition] });
const outside = (reach: Reach, condition: ParsedCondition): Verdict => ({ applies: "outside", reach, deciding: [condition] });

const NEGATED_FITS = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike"]);
const POSITIVE_FITS = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);
const PRINCIPAL_KINDS = new Set<ScopeKind>(["principalAccount", "principalArn", "principalOrg"]);
const SOURCE_KINDS = new Set<ScopeKind>(["sourceAccount", "sourceArn", "sourceOrg"]);

function subset(items: readonly string[], of: readonly string[]): boolean {
  return items.every((item) => of.includes(item));
}

function disjoint(left: readonly string[], right: readonly string[]): boolean {
  return !left.some((item) => right.includes(item));
}

/** The reach of the callers a negated condition lets through, for a wildcard grant. */
function survivorReach(kind: ScopeKind, condition: ParsedCondition, ctx: DenyContext): Reach | null {
  if (kind === "principalOrg" || kind === "sourceOrg") {
    return classifyOrganisations(condition.values.map((value) => organisationIdOf(condition.keyLower, value)), ctx);
  }
  if (kind === "network") return "network-scoped";
  const accounts = accountsNamed(kind, condition.values);
  if (accounts.length > 0) return classifyAccounts(accounts, ctx);
  return null;
}

/** A negated condition on who the caller is (principal keys) or what it calls for (source keys). */
function negatedCallerCondition(kind: ScopeKind, condition: ParsedCondition, caller: Caller, ctx: DenyContext): Verdict {
  const accounts = accountsNamed(kind, condition.values);
  if (SOURCE_KINDS.has(kind)) {
    // Only a service principal's call carries a source: for every other caller the negated condition is true.
    if (caller.kind === "accounts" || caller.kind === "external") return ALWAYS;
    if (caller.kind === "service" && caller.sourceAccountIds !== null && kind !== "sourceOrg" && accounts.length > 0) {
      if (subset(caller.sourceAccountIds, accounts)) return NEVER;
      if (disjoint(caller.sourceAccountIds, accounts)) return ALWAYS;
      return unknown(condition);
    }
    const reach = survivorReach(kind, condition, ctx);
    if (reach === null) return unknown(condition);
    // A service whose sources the Deny pins to our own account is scoped to them.
    return outside(caller.kind === "service" && reach === "own-account" ? "service-scoped" : reach, condition);
  }
  if (kind === "network") return caller.kind === "service" ? unknown(condition) : outside("network-scoped", condition);
  // Principal keys.
  if (caller.kind === "anyone") {
    const reach = survivorReach(kind, condition, ctx);
    return reach === null ? unknown(condition) : outside(reach, condition);
  }
  if (caller.kind !== "accounts") return unknown(condition);
  if (kind === "principalAccount") {
    if (subset(caller.accountIds, condition.values)) return NEVER;
    return disjoint(caller.accountIds, condition.values) ? ALWAYS : unknown(condition);
  }
  if (kind === "principalArn") return accounts.length > 0 && disjoint(caller.accountIds, accounts) ? ALWAYS : unknown(condition);
  // aws:PrincipalOrgID: only our own account's membership is known.
  const own = caller.accountIds.every((account) => account === ctx.accountId);
  const reach = survivorReach(kind, condition, ctx);
  if (!own || reach === "organisation-unknown") return unknown(condition);
  return reach === "organisation-scoped" ? NEVER : ALWAYS;
}

/** A positive condition in a Deny ("deny these accounts"): judged only for callers of known accounts. */
function positiveCallerCondition(kind: ScopeKind, condition: ParsedCondition, caller: Caller): Verdict {
  if (kind !== "principalAccount" && kind !== "sourceAccount") return unknown(condition);
  const accounts = caller.kind === "accounts" && kind === "principalAccount" ? caller.accountIds : caller.kind === "service" && kind === "sourceAccount" ? caller.sourceAccountIds : null;
  if (accounts === null) return unknown(condition);
  if (subset(accounts, condition.values)) return ALWAYS;
  return disjoint(accounts, condition.values) ? NEVER : unknown(condition);
}

/** `aws:PrincipalIsAWSService`: "true" for service principals, "false" for other signed callers, absent for anonymous ones. */
function principalIsServiceCondition(condition: ParsedCondition, caller: Caller): Verdict {
  const operator = condition.baseOperator.toLowerCase();
  if (operator !== "bool" || condition.negated || condition.setQualifier !== null || condition.values.length !== 1) return unknown(condition);
  const wanted = condition.values[0]?.toLowerCase();
  if (caller.kind === "anyone") {
    // Deny non-services: services get through, and anonymous callers too unless ...IfExists.
    if (wanted === "false") return outside(condition.ifExists ? "service-no-source" : "public", condition);
    return outside("public", condition);
  }
  const isService = caller.kind === "service";
  return (wanted === "true") === isService ? ALWAYS : NEVER;
}

/** `aws:ResourceAccount`: resource policies know their resource's account; identity policies restrict resources. */
function resourceAccountCondition(condition: ParsedCondition, ctx: DenyContext): Verdict {
  const operator = condition.baseOperator.toLowerCase();
  const literal = condition.values.length > 0 && condition.values.every(isAccountId) && condition.setQualifier === null;
  if (!literal || !(NEGATED_FITS.has(operator) || POSITIVE_FITS.has(operator))) return unknown(condition);
  const named = ctx.resourceAccountId !== undefined ? condition.values.includes(ctx.resourceAccountId) : undefined;
  if (named === undefined) return condition.negated ? { applies: "outsideAccounts", accountIds: [...condition.values], deciding: [condition] } : unknown(condition);
  return named !== condition.negated ? ALWAYS : NEVER;
}

function judgeOne(condition: ParsedCondition, caller: Caller, ctx: DenyContext): Verdict {
  if (condition.keyLower === "aws:principalisawsservice") return principalIsServiceCondition(condition, caller);
  if (condition.keyLower === "aws:resourceaccount") return resourceAccountCondition(condition, ctx);
  const kind = scopeKindOf(condition.keyLower);
  if (kind === null || !(PRINCIPAL_KINDS.has(kind) || SOURCE_KINDS.has(kind) || kind === "network")) return unknown(condition);
  if (condition.setQualifier !== null || condition.values.length === 0) return unknown(condition);
  if (condition.values.some((value) => valueIsUnscoped(kind, condition.keyLower, value))) return unknown(condition);
  const operator = condition.baseOperator.toLowerCase();
  if (condition.negated) return NEGATED_FITS.has(operator) ? negatedCallerCondition(kind, condition, caller, ctx) : unknown(condition);
  if (condition.ifExists) return unknown(condition);
  return POSITIVE_FITS.has(operator) ? positiveCallerCondition(kind, condition, caller) : unknown(condition);
}

/**
 * Does a Deny with these (ANDed) conditions apply to the caller? "outside" results combine as the union
 * of what escapes: a Deny that applies unless the caller is in our organisation or calls for our
 * account lets the wider of the two through.
 */
export function denyApplicability(conditions: readonly ParsedCondition[], caller: Caller, ctx: DenyContext): DenyApplicability {
  const verdicts = conditions.map((condition) => judgeOne(condition, caller, ctx));
  if (verdicts.some((verdict) => verdict.applies === "never")) return NEVER;
  const unknowns = verdicts.flatMap((verdict) => (verdict.applies === "unknown" ? verdict.conditions : []));
  if (unknowns.length > 0) return { applies: "unknown", conditions: unknowns };
  const callers = verdicts.filter((verdict): verdict is Extract<Verdict, { applies: "outside" }> => verdict.applies === "outside");
  const resources = verdicts.filter((verdict): verdict is Extract<Verdict, { applies: "outsideAccounts" }> => verdict.applies === "outsideAccounts");
  if (callers.length > 0 && resources.length > 0) return { applies: "unknown", conditions: [...conditions] };
  if (resources.length > 0) return { applies: "outsideAccounts", accountIds: [...new Set(resources.flatMap((item) => item.accountIds))], deciding: resources.flatMap((item) => item.deciding) };
  if (callers.length > 0) return { applies: "outside", reach: widest(callers.map((item) => item.reach)) ?? "public", deciding: callers.flatMap((item) => item.deciding) };
  return ALWAYS;
}

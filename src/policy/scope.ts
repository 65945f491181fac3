import type { ConditionScope, ScopingCondition } from "./conditions.js";
import { classifyOrganisations } from "./organisation.js";

/**
 * How far a grant reaches, shared by resource-policy (invoke) and trust-policy analysis.
 * Ordered from the narrowest to the widest reach.
 * - `nobody`: the grant matches no caller (a deleted principal's unique id; half of a function URL's
 *   two permissions without the other).
 * - `organisation-unknown`: the grant is limited to an organisation that may or may not be ours,
 *   because the scan does not know ours.
 */
export const REACH_ORDER = [
  "nobody",
  "own-account",
  "trusted-account",
  "organisation-scoped",
  "service-scoped",
  "network-scoped",
  "service-no-source",
  "organisation-unknown",
  "cross-account",
  "public",
] as const;

export type Reach = (typeof REACH_ORDER)[number];

export interface AccountContext {
  /** The account that owns the function or role. */
  accountId: string;
  /** Accounts the operator vouches for (their own other accounts): grants to them are `trusted-account`. */
  trustedAccountIds?: string[];
  /**
   * The account's organisation (organizations:DescribeOrganization): its id; null when the account is in
   * no organisation; undefined when not known (the call was denied or not made).
   */
  organizationId?: string | null;
}

export function reachRank(reach: Reach): number {
  return REACH_ORDER.indexOf(reach);
}

export function widest<T extends Reach>(reaches: readonly T[]): T | null {
  return reaches.reduce<T | null>((wide, reach) => (wide === null || reachRank(reach) > reachRank(wide) ? reach : wide), null);
}

export function narrowest<T extends Reach>(reaches: readonly T[]): T | null {
  return reaches.reduce<T | null>((narrow, reach) => (narrow === null || reachRank(reach) < reachRank(narrow) ? reach : narrow), null);
}

/** Several accounts ORed: the widest of them decides. */
export function classifyAccounts(accountIds: readonly string[], ctx: AccountContext): "own-account" | "trusted-account" | "cross-account" {
  const trusted = new Set(ctx.trustedAccountIds ?? []);
  if (accountIds.some((account) => account !== ctx.accountId && !trusted.has(account))) return "cross-account";
  if (accountIds.some((account) => account !== ctx.accountId)) return "trusted-account";
  return "own-account";
}

export interface Narrowing {
  reach: Reach;
  deciding: ScopingCondition[];
}

/**
 * What a scoping condition leaves of a wildcard (`*`) principal. Null when the condition does not narrow
 * a wildcard (function URL auth type and federated claims are judged by the callers that know them).
 */
function reachOfCondition(item: ScopingCondition, ctx: AccountContext): Reach | null {
  switch (item.kind) {
    case "sourceAccount":
    case "principalAccount":
      return classifyAccounts(item.accountIds, ctx);
    case "sourceArn":
    case "principalArn":
      // An ARN without an account (an S3 bucket) still pins the request to one named resource.
      return item.accountIds.length > 0 ? classifyAccounts(item.accountIds, ctx) : "service-scoped";
    case "sourceOrg":
    case "principalOrg":
      return classifyOrganisations(item.organisationIds, ctx);
    case "network":
      return "network-scoped";
    case "eventSourceToken":
      return "service-scoped";
    default:
      return null;
  }
}

/**
 * Conditions are ANDed, so the narrowest of them bounds a wildcard principal. `extra` lets a caller add
 * reaches it derives itself (the function URL auth type) with the condition that implies them.
 */
export function narrowWildcard(scope: ConditionScope, ctx: AccountContext, extra: Narrowing[] = []): Narrowing {
  const candidates: Narrowing[] = [...extra];
  for (const item of scope.scoping) {
    const reach = reachOfCondition(item, ctx);
    if (reach !== null) candidates.push({ reach, deciding: [item] });
  }
  let best: Narrowing = { reach: "public", deciding: [] };
  for (const candidate of candidates) {
    if (reachRank(candidate.reach) < reachRank(best.reach)) best = candidate;
  }
  return best;
}

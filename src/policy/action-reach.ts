import type { ActionCatalogue } from "./actions.js";
import type { Grant, IdentityDeny, IdentityStatement } from "./identity-policy.js";
import { isBareWildcard } from "./match.js";
import { matchResource, patternWithinScope, resourcePatternCovers, resourcePatternsOverlap, scopeWithin, type ResourceScope } from "./resource-match.js";

/**
 * The resources one action is allowed on, per (action, resource): the union of what the Allow
 * statements name for that action, minus what the Deny statements take away, intersected with the
 * permissions boundary. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *
 * A set is a list of entries, each a pattern from an Allow that names some of the action's resources,
 * or every one of them within a scope (account, region). Subtraction:
 * - a Deny whose pattern names every resource of the action within a scope removes the entries inside
 *   that scope (`arn:aws:iam::111122223333:role/*` removes PassRole on every role of that account, and
 *   leaves PassRole on `*` as "every role except in account 111122223333");
 * - a Deny on named resources removes the entries it covers and is recorded on the broader ones as an exception;
 * - a Deny with NotResource leaves only the resources it lists ("explicitly matches every resource except
 *   those specified", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html);
 * - a Deny limited to other accounts' resources (negated aws:ResourceAccount) leaves only those accounts.
 * Where two patterns merely overlap, the Allow's entry is kept: the set over-approximates, which is the
 * safe side for a posture scanner.
 */

export interface ReachEntry {
  grant: Grant;
  /** The Allow's pattern (`*` for a NotResource Allow). */
  pattern: string;
  /** Every resource of the action's type within this scope; null when the pattern names only some. */
  every: ResourceScope | null;
  /** Resources Denies took out of an `every` entry. */
  except: string[];
  /** Accounts whose resources a Deny took out of an `every` entry of all accounts. */
  exceptAccounts: string[];
}

const entry = (grant: Grant, pattern: string, every: ResourceScope | null): ReachEntry => ({ grant, pattern, every, except: [], exceptAccounts: [] });

/** What the Allow statements that grant this action name for it. */
export function allowEntries(action: string, allows: readonly IdentityStatement[], catalogue: ActionCatalogue): ReachEntry[] {
  const entries: ReachEntry[] = [];
  for (const allow of allows) {
    if (!allow.actions.has(action)) continue;
    const { statement, grant } = allow;
    if (statement.notResource !== null || statement.resource === null) {
      const notResource = statement.notResource ?? [];
      entries.push({ ...entry(grant, "*", { account: "*", region: null }), except: [...notResource] });
      continue;
    }
    for (const pattern of statement.resource) {
      const match = matchResource(pattern, action, catalogue);
      if (match.applies) entries.push(entry(grant, pattern, match.every));
    }
  }
  return entries;
}

/** Is `inner` a subset of `outer`? */
function within(inner: ReachEntry, outer: ReachEntry): boolean {
  if (outer.every !== null) return inner.every !== null ? scopeWithin(inner.every, outer.every) : patternWithinScope(inner.pattern, outer.every);
  return inner.every === null && resourcePatternCovers(outer.pattern, inner.pattern);
}

function denyPatternEntries(deny: IdentityDeny, patterns: readonly string[], action: string, catalogue: ActionCatalogue): ReachEntry[] {
  return patterns.map((pattern) => ({ pattern, match: matchResource(pattern, action, catalogue) })).filter((item) => item.match.applies).map((item) => entry(deny.grant, item.pattern, item.match.every));
}

/** Take the resources of a Deny on named resources (or on every resource of a scope) out of the set. */
function subtractResources(entries: ReachEntry[], denied: readonly ReachEntry[]): ReachEntry[] {
  if (denied.length === 0) return entries;
  const kept: ReachEntry[] = [];
  for (const item of entries) {
    if (denied.some((deny) => within(item, deny))) continue;
    const next = { ...item, except: [...item.except], exceptAccounts: [...item.exceptAccounts] };
    for (const deny of denied) {
      if (!resourcePatternsOverlap(deny.pattern, item.pattern)) continue;
      // A Deny on every resource of one account, inside an entry of every account: that account is out.
      if (deny.every !== null && deny.every.region === null && /^\d{12}$/.test(deny.every.account) && item.every?.account === "*") next.exceptAccounts.push(deny.every.account);
      else next.except.push(deny.pattern);
    }
    kept.push(next);
  }
  return kept;
}

/**
 * The entries inside the limits: entries inside a limit, and limits inside an entry (carrying the
 * entry's grant and exceptions). Entries that merely overlap a limit are kept as named (over-approximate).
 * Serves a NotResource Deny (the limits are the resources it lists) and the boundary (its entries).
 */
function intersect(entries: readonly ReachEntry[], limits: readonly ReachEntry[]): ReachEntry[] {
  const kept: ReachEntry[] = [];
  for (const item of entries) {
    if (limits.some((limit) => within(item, limit))) {
      kept.push(item);
      continue;
    }
    for (const limit of limits) {
      if (within(limit, item)) kept.push({ ...limit, grant: item.grant, except: [...item.except], exceptAccounts: [...item.exceptAccounts] });
      else if (resourcePatternsOverlap(limit.pattern, item.pattern)) kept.push({ ...item, every: null });
    }
  }
  return kept;
}

/** A Deny on resources outside some accounts: entries of every account shrink to those accounts. */
function keepAccounts(entries: ReachEntry[], accountIds: readonly string[]): ReachEntry[] {
  const kept: ReachEntry[] = [];
  for (const item of entries) {
    if (item.every?.account === "*") {
      for (const account of accountIds) kept.push({ ...item, every: { ...item.every, account } });
      continue;
    }
    const account = item.every?.account ?? item.pattern.split(":")[4];
    // Account-less ARNs (S3) and account patterns cannot be told apart here: kept.
    if (account === undefined || !/^\d{12}$/.test(account) || accountIds.includes(account)) kept.push(item);
  }
  return kept;
}

/** What one Deny leaves of the action's set. */
export function subtractDeny(entries: ReachEntry[], deny: IdentityDeny, action: string, catalogue: ActionCatalogue): ReachEntry[] {
  if (entries.length === 0 || deny.unjudged || !deny.actions.has(action)) return entries;
  if (deny.full) return [];
  if (deny.outsideAccounts !== null) {
    // Only a Deny on every resource outside the accounts is judged; narrower ones subtract nothing.
    return deny.notResources === null && (deny.resources ?? []).some(isBareWildcard) ? keepAccounts(entries, deny.outsideAccounts) : entries;
  }
  // A NotResource Deny: only the resources it lists survive, where the Allows named them too.
  if (deny.notResources !== null) return intersect(entries, denyPatternEntries(deny, deny.notResources, action, catalogue));
  return deny.resources === null ? entries : subtractResources(entries, denyPatternEntries(deny, deny.resources, action, catalogue));
}

/** The identity set within the boundary's (permissions boundaries intersect, per action and resource). */
export function intersectBoundary(identity: readonly ReachEntry[], boundary: readonly ReachEntry[]): ReachEntry[] {
  return intersect(identity, boundary);
}

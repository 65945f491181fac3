import { hasWildcard, isBareWildcard } from "./match.js";
import type { ParsedCondition } from "./parse.js";
import { accountOfArn, isAccountId } from "../arn.js";
import { isUnscopedOrganisationValue, organisationIdOf } from "./organisation.js";
import { isUnscopedArnPattern } from "./principal.js";

/**
 * Which conditions of a statement actually narrow *who* the statement applies to.
 *
 * A condition only restricts when its value does. The rules, and why:
 * - Negated operators (StringNotEquals, ArnNotLike, ...) match every value but the listed ones, so they
 *   still let the rest of the world in: never restricting.
 * - `...IfExists` matches when the key is absent from the request. aws:SourceArn/SourceAccount are absent
 *   when a principal calls directly rather than through a service, aws:PrincipalOrgID is absent for
 *   principals outside any organisation: the caller can simply not have the key. Never restricting.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
 * - `ForAllValues:` is true when the request has no value for the key (an empty set is a subset of
 *   anything), so it restricts nothing on its own; `ForAnyValue:` is false on an absent key and
 *   restricts like the plain operator.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * - A value that is a wildcard (`*`, an ARN with a wildcard account, a bucket name with a wildcard)
 *   matches callers from anywhere, so the condition is void; each value is ORed, so one such value voids
 *   the whole condition.
 * - An ARN value names its account even when other fields are wildcards (`arn:aws:*:*:111122223333:*`).
 * Keys are compared case-insensitively (`AWS:SourceArn` is `aws:SourceArn`, as Lambda writes it).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 */

export type ScopeKind =
  | "sourceAccount"
  | "sourceArn"
  | "sourceOrg"
  | "principalAccount"
  | "principalArn"
  | "principalOrg"
  | "network"
  | "eventSourceToken"
  | "functionUrlAuthType"
  | "invokedViaFunctionUrl"
  | "externalId"
  | "federatedClaim";

export interface ScopingCondition {
  kind: ScopeKind;
  condition: ParsedCondition;
  /** Accounts this condition pins the caller to, when it names them (account keys, ARNs with an account). */
  accountIds: string[];
  /** Organisations it pins the caller (or the source) to: the ids of ...OrgID values, the first segment of ...OrgPaths ones. */
  organisationIds: string[];
}

export type IgnoredConditionReason =
  | "negatedOperator"
  | "ifExists"
  | "forAllValues"
  | "wildcardValue"
  | "unsupportedOperator"
  | "notAScopingKey";

export interface IgnoredCondition {
  condition: ParsedCondition;
  reason: IgnoredConditionReason;
}

export interface ConditionScope {
  scoping: ScopingCondition[];
  ignored: IgnoredCondition[];
}

const STRING_OPERATORS = new Set(["stringequals", "stringequalsignorecase", "stringlike"]);
const ARN_OPERATORS = new Set(["stringequals", "stringlike", "arnequals", "arnlike"]);
const BOOL_OPERATORS = new Set(["bool", "stringequals", "stringequalsignorecase"]);

const KEY_KINDS: Record<string, ScopeKind> = {
  "aws:sourceaccount": "sourceAccount",
  "aws:sourceowner": "sourceAccount",
  "aws:sourcearn": "sourceArn",
  "aws:sourceorgid": "sourceOrg",
  "aws:sourceorgpaths": "sourceOrg",
  "aws:principalaccount": "principalAccount",
  "aws:principalarn": "principalArn",
  "aws:principalorgid": "principalOrg",
  "aws:principalorgpaths": "principalOrg",
  "aws:sourcevpc": "network",
  "aws:sourcevpce": "network",
  "lambda:eventsourcetoken": "eventSourceToken",
  "lambda:functionurlauthtype": "functionUrlAuthType",
  "lambda:invokedviafunctionurl": "invokedViaFunctionUrl",
  "sts:externalid": "externalId",
};

/**
 * Keys set by a web identity or SAML provider, `<provider>:<claim>`: `token.actions.githubusercontent.com:sub`,
 * `accounts.google.com:aud`, `SAML:aud`. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
function isFederatedClaimKey(keyLower: string): boolean {
  const separator = keyLower.indexOf(":");
  if (separator <= 0) return false;
  const prefix = keyLower.slice(0, separator);
  return prefix === "saml" || prefix.includes(".");
}

/** The scoping kind of a condition key (lower-cased), or null when the key scopes nothing. */
export function scopeKindOf(keyLower: string): ScopeKind | null {
  return KEY_KINDS[keyLower] ?? (isFederatedClaimKey(keyLower) ? "federatedClaim" : null);
}

/** GitHub's `sub` claim `repo:*` (or `repo:*:*`) is every repository on GitHub. */
function isUnscopedClaimValue(value: string): boolean {
  return isBareWildcard(value) || /^repo:[*?]/i.test(value);
}

/** Does this value of a scoping key let any caller match (a wildcard, an ARN with a wildcard account)? */
export function valueIsUnscoped(kind: ScopeKind, keyLower: string, value: string): boolean {
  switch (kind) {
    case "sourceAccount":
    case "principalAccount":
      return !isAccountId(value);
    case "sourceArn":
    case "principalArn":
      return isUnscopedArnPattern(value);
    case "sourceOrg":
    case "principalOrg":
      // Organisation paths (`o-abc/r-1/ou-2/*`) keep their scope as long as the organisation id is literal.
      return isUnscopedOrganisationValue(keyLower, value);
    case "network":
    case "eventSourceToken":
    case "externalId":
      return value === "" || hasWildcard(value);
    case "federatedClaim":
      return isUnscopedClaimValue(value);
    case "functionUrlAuthType":
    case "invokedViaFunctionUrl":
      return hasWildcard(value);
  }
}

function operatorFits(kind: ScopeKind, baseOperatorLower: string): boolean {
  if (kind === "sourceArn" || kind === "principalArn") return ARN_OPERATORS.has(baseOperatorLower);
  if (kind === "invokedViaFunctionUrl") return BOOL_OPERATORS.has(baseOperatorLower);
  return STRING_OPERATORS.has(baseOperatorLower);
}

/** The accounts condition values name, when every value names one (account keys, ARNs with an account). */
export function accountsNamed(kind: ScopeKind, values: string[]): string[] {
  if (kind === "sourceAccount" || kind === "principalAccount") return values;
  if (kind === "sourceArn" || kind === "principalArn") {
    const accounts = values.map(accountOfArn);
    // Only when every alternative names an account do we know which accounts the caller is in.
    return accounts.every((account): account is string => account !== undefined) ? [...new Set(accounts)] : [];
  }
  return [];
}

function judge(condition: ParsedCondition): ScopingCondition | IgnoredCondition {
  const kind = scopeKindOf(condition.keyLower);
  if (kind === null) return { condition, reason: "notAScopingKey" };
  if (condition.negated) return { condition, reason: "negatedOperator" };
  if (condition.ifExists) return { condition, reason: "ifExists" };
  if (condition.setQualifier === "ForAllValues") return { condition, reason: "forAllValues" };
  if (!operatorFits(kind, condition.baseOperator.toLowerCase())) return { condition, reason: "unsupportedOperator" };
  if (condition.values.length === 0 || condition.values.some((value) => valueIsUnscoped(kind, condition.keyLower, value))) {
    return { condition, reason: "wildcardValue" };
  }
  const organisationIds = kind === "sourceOrg" || kind === "principalOrg" ? [...new Set(condition.values.map((value) => organisationIdOf(condition.keyLower, value)))] : [];
  return { kind, condition, accountIds: accountsNamed(kind, condition.values), organisationIds };
}

export function analyseConditionScope(conditions: readonly ParsedCondition[]): ConditionScope {
  const scope: ConditionScope = { scoping: [], ignored: [] };
  for (const condition of conditions) {
    const verdict = judge(condition);
    if ("kind" in verdict) scope.scoping.push(verdict);
    else scope.ignored.push(verdict);
  }
  return scope;
}

/** The upper-cased values of the first scoping condition of this kind, or null when there is none. */
export function scopedValues(scope: ConditionScope, kind: ScopeKind): string[] | null {
  const found = scope.scoping.find((item) => item.kind === kind);
  return found === undefined ? null : found.condition.values.map((value) => value.toUpperCase());
}

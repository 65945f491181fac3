/**
 * Whether a role's trust policy lets a caller assume it with sts:AssumeRole, as far as the stub needs
 * to decide it: the principal (an account id, an account's `root`, the caller's own ARN, or `*`), the
 * action, and `sts:ExternalId` conditions. An explicit Deny wins over any Allow.
 *
 * Deliberately conservative where the stub cannot judge: an Allow with NotPrincipal, NotAction or a
 * condition on another key (or with another operator) grants nothing; a Deny whose condition the stub
 * cannot judge denies. A role the stub cannot prove assumable is not assumable.
 *
 * AWS: the trust policy is the role's resource-based policy; a cross-account principal is named by
 * account id or `arn:aws:iam::ACCOUNT:root` (the whole account), a role or user ARN, or an assumed-role
 * session ARN; `sts:ExternalId` is compared with the ExternalId of the AssumeRole request.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sts/aws.sdk.kotlin.services.sts.model/-assume-role-request/external-id.html
 * (the STS API model's text of AssumeRole's ExternalId) (all read 2026-11-30)
 */

export interface TrustCaller {
  accountId: string;
  partition: string;
  /** The ARNs that name the caller: a user ARN, or an assumed-role session ARN and its role ARN. */
  principalArns: string[];
}

export interface TrustRequest {
  caller: TrustCaller;
  /** The ExternalId parameter of the request, absent when not sent. */
  externalId: string | undefined;
}

type Statement = Record<string, unknown>;

const strings = (value: unknown): string[] | null => {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  return null;
};

function statementsOf(policy: Record<string, unknown> | undefined): Statement[] {
  const raw = policy?.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((item): item is Statement => typeof item === "object" && item !== null && !Array.isArray(item));
}

function actionMatches(statement: Statement): boolean {
  const actions = strings(statement.Action);
  if (!actions) return false;
  return actions.some((action) => {
    const lower = action.toLowerCase();
    return lower === "*" || lower === "sts:*" || lower === "sts:assumerole";
  });
}

function principalMatches(statement: Statement, caller: TrustCaller): boolean {
  const principal = statement.Principal;
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  const named = strings((principal as Record<string, unknown>).AWS);
  if (!named) return false;
  const root = `arn:${caller.partition}:iam::${caller.accountId}:root`;
  return named.some((value) => value === "*" || value === caller.accountId || value === root || caller.principalArns.includes(value));
}

/** `*` and `?` wildcards of StringLike. */
function like(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(value);
}

const OPERATORS: Record<string, (expected: string, actual: string) => boolean> = {
  stringequals: (expected, actual) => expected === actual,
  stringlike: like,
};

/** true, false, or null when the stub cannot judge the condition block. */
function conditionHolds(statement: Statement, externalId: string | undefined): boolean | null {
  const condition = statement.Condition;
  if (condition === undefined) return true;
  if (typeof condition !== "object" || condition === null) return null;
  for (const [operator, entries] of Object.entries(condition as Record<string, unknown>)) {
    const compare = OPERATORS[operator.toLowerCase()];
    if (!compare || typeof entries !== "object" || entries === null) return null;
    for (const [key, expected] of Object.entries(entries as Record<string, unknown>)) {
      // Condition keys are case-insensitive.
      if (key.toLowerCase() !== "sts:externalid") return null;
      const values = strings(expected);
      if (!values) return null;
      // A key absent from the request matches no value.
      if (externalId === undefined || !values.some((value) => compare(value, externalId))) return false;
    }
  }
  return true;
}

export function trustAllowsAssumeRole(trustPolicy: Record<string, unknown> | undefined, request: TrustRequest): boolean {
  let allowed = false;
  for (const statement of statementsOf(trustPolicy)) {
    const effect = statement.Effect;
    if (effect === "Deny") {
      if (!actionMatches(statement) || !principalMatches(statement, request.caller)) continue;
      if (conditionHolds(statement, request.externalId) !== false) return false;
    } else if (effect === "Allow") {
      if ("NotPrincipal" in statement || "NotAction" in statement) continue;
      if (actionMatches(statement) && principalMatches(statement, request.caller) && conditionHolds(statement, request.externalId) === true) {
        allowed = true;
      }
    }
  }
  return allowed;
}

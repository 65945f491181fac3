import { analyseConditionScope, type IgnoredCondition, type ScopingCondition } from "./conditions.js";
import { applyDenies, type DenyOutcome } from "./deny.js";
import type { Caller } from "./deny-conditions.js";
import { actionMatches } from "./match.js";
import { parsePolicyDocument, type ParsedPrincipal, type ParsedStatement, type StatementRef } from "./parse.js";
import { accountOfAwsPrincipal, canonicalPrincipalValue, uniqueIdKind } from "./principal.js";
import { classifyAccounts, narrowWildcard, reachRank, type AccountContext, type Reach } from "./scope.js";

/**
 * "Who, other than Lambda, can become this role?" from the role's trust policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy
 */

/**
 * Actions that hand out the role's credentials, or shape a session of it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
 */
export const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession"] as const;
export type AssumeAction = (typeof ASSUME_ACTIONS)[number];

/** The service a Lambda execution role exists for. */
export const LAMBDA_SERVICE_PRINCIPAL = "lambda.amazonaws.com";

/**
 * Reach classes shared with invoke analysis, plus the trust-only ones: the Lambda service itself,
 * another AWS service, and federated identities with and without a claim condition pinning them.
 */
export type TrustClassification = Reach | "lambda-service" | "other-service" | "federated-scoped" | "federated-unscoped";

export type TrustReason =
  | "notPrincipal"
  | "wildcardPrincipal"
  | "narrowedByCondition"
  | "accountPrincipal"
  | "deletedPrincipal"
  | "unrecognisedAwsPrincipal"
  | "organisationUnknown"
  | "boundedByDeny"
  | "lambdaService"
  | "otherService"
  | "federatedWithClaimCondition"
  | "federatedWithoutClaimCondition"
  | "canonicalUser";

export interface TrustPrincipalClassification {
  principal: ParsedPrincipal | null;
  classification: TrustClassification;
  reason: TrustReason;
  accountIds: string[];
  deciding: ScopingCondition[];
  neutralisedBy: StatementRef | null;
  /** A conditional Deny that bounds who can assume ("deny unless our organisation"). */
  boundedBy: DenyOutcome["boundedBy"];
  /** Denies covering the grant whose conditions could not be judged: reported, not subtracted. */
  limitedByCondition: DenyOutcome["limitedByCondition"];
}

export interface TrustStatementClassification {
  statement: StatementRef;
  assumeActions: AssumeAction[];
  principals: TrustPrincipalClassification[];
  ignoredConditions: IgnoredCondition[];
  /** sts:ExternalId is required (a confused-deputy guard for third parties, not a secret). */
  requiresExternalId: boolean;
  neutralised: boolean;
}

export interface TrustPolicyAnalysis {
  statements: TrustStatementClassification[];
  isPubliclyAssumable: boolean;
  crossAccountPrincipals: string[];
  trustedAccountPrincipals: string[];
  ownAccountPrincipals: string[];
  otherServicePrincipals: string[];
  federatedPrincipals: string[];
  unscopedFederatedPrincipals: string[];
  /** Principals that are the unique id of a deleted user or role: they match nobody. */
  deletedPrincipals: string[];
  /** Anyone but lambda.amazonaws.com can obtain the role's credentials. */
  assumableByOtherThanLambda: boolean;
}

const REACH_RANK: Record<TrustClassification, number> = {
  nobody: -1,
  "lambda-service": 0,
  "own-account": 1,
  "trusted-account": 2,
  "organisation-scoped": 3,
  "service-scoped": 4,
  "other-service": 4,
  "network-scoped": 5,
  "federated-scoped": 5,
  "service-no-source": 6,
  "organisation-unknown": 6,
  "cross-account": 7,
  "federated-unscoped": 8,
  public: 9,
};

function assumeActionsOf(statement: ParsedStatement): AssumeAction[] {
  const { action, notAction } = statement;
  return ASSUME_ACTIONS.filter((assume) =>
    action !== null ? action.some((pattern) => actionMatches(pattern, assume)) : notAction !== null && !notAction.some((pattern) => actionMatches(pattern, assume)),
  );
}

type Classified = Pick<TrustPrincipalClassification, "classification" | "reason" | "accountIds" | "deciding">;

function classifyWildcard(scoping: ScopingCondition[], ctx: AccountContext, reason: TrustReason): Classified {
  const narrowing = narrowWildcard({ scoping, ignored: [] }, ctx);
  return {
    classification: narrowing.reach,
    reason: narrowing.reach === "public" ? reason : narrowing.reach === "organisation-unknown" ? "organisationUnknown" : "narrowedByCondition",
    accountIds: [...new Set(narrowing.deciding.flatMap((item) => item.accountIds))],
    deciding: narrowing.deciding,
  };
}

/** How a Deny's conditions see a trusted principal's callers. */
function callerOf(principal: ParsedPrincipal | null, classified: Classified): Caller {
  if (principal === null || principal.isWildcard) return { kind: "anyone" };
  if (principal.type === "Service") return { kind: "service", sourceAccountIds: null };
  if (principal.type === "AWS" && classified.accountIds.length > 0) return { kind: "accounts", accountIds: classified.accountIds };
  return { kind: "external" };
}

/**
 * Web identity and SAML trusts are only as narrow as their claim conditions: a GitHub OIDC trust without
 * a `token.actions.githubusercontent.com:sub` condition lets every GitHub repository assume the role.
 * https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
function classifyFederated(principal: ParsedPrincipal, scoping: ScopingCondition[]): Classified {
  const provider = principal.value.toLowerCase().replace(/^arn:[^:]*:iam::\d*:oidc-provider\//, "");
  const claims = scoping.filter((item) => item.kind === "federatedClaim");
  const needsSubject = provider.startsWith("token.actions.githubusercontent.com");
  const pinning = needsSubject ? claims.filter((item) => item.condition.keyLower.endsWith(":sub")) : claims;
  return pinning.length > 0
    ? { classification: "federated-scoped", reason: "federatedWithClaimCondition", accountIds: [], deciding: pinning }
    : { classification: "federated-unscoped", reason: "federatedWithoutClaimCondition", accountIds: [], deciding: [] };
}

function classifyPrincipal(principal: ParsedPrincipal, scoping: ScopingCondition[], ctx: AccountContext): Classified {
  if (principal.isWildcard || (principal.type === "AWS" && principal.value.includes("*"))) return classifyWildcard(scoping, ctx, "wildcardPrincipal");
  switch (principal.type) {
    case "Service":
      return principal.value.toLowerCase() === LAMBDA_SERVICE_PRINCIPAL
        ? { classification: "lambda-service", reason: "lambdaService", accountIds: [], deciding: [] }
        : { classification: "other-service", reason: "otherService", accountIds: [], deciding: [] };
    case "Federated":
      return classifyFederated(principal, scoping);
    case "AWS": {
      // The unique id AWS shows once the named user or role is deleted matches nobody, even a recreated one.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
      if (uniqueIdKind(principal.value) !== null) return { classification: "nobody", reason: "deletedPrincipal", accountIds: [], deciding: [] };
      const account = accountOfAwsPrincipal(principal.value);
      return account === null
        ? { classification: "cross-account", reason: "unrecognisedAwsPrincipal", accountIds: [], deciding: [] }
        : { classification: classifyAccounts([account], ctx), reason: "accountPrincipal", accountIds: [account], deciding: [] };
    }
    default:
      return { classification: "cross-account", reason: "canonicalUser", accountIds: [], deciding: [] };
  }
}

function classifyStatement(statement: ParsedStatement, denies: ParsedStatement[], ctx: AccountContext): TrustStatementClassification {
  const scope = analyseConditionScope(statement.conditions);
  const assumeActions = assumeActionsOf(statement);
  const targets: (ParsedPrincipal | null)[] = statement.notPrincipal !== null ? [null] : (statement.principal ?? [null]);
  const principals = targets.map((principal): TrustPrincipalClassification => {
    const classified = principal === null ? classifyWildcard(scope.scoping, ctx, "notPrincipal") : classifyPrincipal(principal, scope.scoping, ctx);
    const denied = applyDenies(denies, { principal, caller: callerOf(principal, classified), actions: assumeActions, actionPatterns: statement.action, resources: statement.resource }, { ...ctx, resourceAccountId: ctx.accountId });
    const { boundedBy } = denied;
    // A bound applies to the classes that are reaches (not to lambda-service, other-service, federated-*).
    const bounded = boundedBy !== null && isReach(classified.classification) && reachRank(boundedBy.reach) < reachRank(classified.classification);
    return {
      principal,
      ...classified,
      ...(bounded ? { classification: boundedBy.reach, reason: "boundedByDeny" as const } : {}),
      neutralisedBy: denied.neutralisedBy,
      boundedBy: bounded ? boundedBy : null,
      limitedByCondition: denied.limitedByCondition,
    };
  });
  return {
    statement: { index: statement.index, sid: statement.sid },
    assumeActions,
    principals,
    ignoredConditions: scope.ignored,
    requiresExternalId: scope.scoping.some((item) => item.kind === "externalId"),
    neutralised: principals.every((item) => item.neutralisedBy !== null),
  };
}

function isReach(classification: TrustClassification): classification is Reach {
  return !["lambda-service", "other-service", "federated-scoped", "federated-unscoped"].includes(classification);
}

function label(item: TrustPrincipalClassification): string {
  if (item.principal === null || item.principal.isWildcard) return item.accountIds.length > 0 ? item.accountIds.join(",") : "*";
  return canonicalPrincipalValue(item.principal);
}

/** The widest class of a statement's live principals. */
export function widestTrustClass(statement: TrustStatementClassification): TrustClassification | null {
  const live = statement.principals.filter((item) => item.neutralisedBy === null);
  return live.reduce<TrustClassification | null>((wide, item) => (wide === null || REACH_RANK[item.classification] > REACH_RANK[wide] ? item.classification : wide), null);
}

/**
 * Analyse a role's trust policy (object, JSON or URL-encoded JSON as IAM returns it).
 * @throws PolicyParseError when the document is not a policy.
 */
export function analyseTrustPolicy(doc: unknown, ctx: AccountContext): TrustPolicyAnalysis {
  const policy = parsePolicyDocument(doc);
  const denies = policy.statements.filter((statement) => statement.effect === "Deny");
  const statements = policy.statements.filter((statement) => statement.effect === "Allow").map((statement) => classifyStatement(statement, denies, ctx));
  const live = statements
    .filter((statement) => statement.assumeActions.length > 0)
    .flatMap((statement) => statement.principals.filter((item) => item.neutralisedBy === null));
  const labels = (...classes: TrustClassification[]): string[] => [...new Set(live.filter((item) => classes.includes(item.classification)).map(label))].sort();
  return {
    statements,
    isPubliclyAssumable: live.some((item) => item.classification === "public"),
    crossAccountPrincipals: labels("cross-account"),
    trustedAccountPrincipals: labels("trusted-account"),
    ownAccountPrincipals: labels("own-account"),
    otherServicePrincipals: labels("other-service"),
    federatedPrincipals: labels("federated-scoped", "federated-unscoped"),
    unscopedFederatedPrincipals: labels("federated-unscoped"),
    deletedPrincipals: [...new Set(statements.flatMap((statement) => statement.principals.filter((item) => item.reason === "deletedPrincipal").map(label)))].sort(),
    assumableByOtherThanLambda: live.some((item) => item.classification !== "lambda-service" && item.classification !== "nobody"),
  };
}

import { analyseConditionScope, type IgnoredCondition, type ScopingCondition } from "./conditions.js";
import { applyDenies, type DenyOutcome } from "./deny.js";
import { channelsOf, pairFunctionUrlPermissions, type FunctionUrlAccess, type StatementChannels } from "./function-url.js";
import { classifyInvokePrincipal, invokeActionsOf, type InvokeAction, type InvokeContext, type InvokeReason } from "./invoke-principal.js";
import { parsePolicyDocument, type ParsedPrincipal, type ParsedStatement, type StatementRef } from "./parse.js";
import { canonicalPrincipalValue } from "./principal.js";
import { reachRank, widest, type Reach } from "./scope.js";

/**
 * "Who can invoke this function?" from its resource-based policy (Lambda GetPolicy). The same analysis
 * serves an alias's or a version's policy: pass that resource's URL in the context.
 * https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 *
 * Per Allow statement and principal: the principal's reach (invoke-principal.ts), then what the Deny
 * statements leave of it (deny.ts: neutralised, bounded by a conditional Deny, or only reported as
 * limited by a condition), then the pairing of a function URL's two permissions (function-url.ts).
 */

export { INVOKE_ACTIONS } from "./invoke-principal.js";
export type { FunctionUrlAuthType, InvokeAction, InvokeContext, InvokeReason } from "./invoke-principal.js";

export type InvokeClassification = Reach;

export interface PrincipalClassification {
  /** Null for the everyone-but of a NotPrincipal. */
  principal: ParsedPrincipal | null;
  classification: InvokeClassification;
  reason: InvokeReason;
  /** Accounts the principal is pinned to, by its ARN or by a condition. */
  accountIds: string[];
  /** The Deny that cancels this principal's grant for every caller, if any. */
  neutralisedBy: StatementRef | null;
  /** A conditional Deny that bounds the grant ("deny unless our organisation"), with the reach it leaves. */
  boundedBy: DenyOutcome["boundedBy"];
  /** Denies covering the grant whose conditions could not be judged: limited by a condition, not subtracted. */
  limitedByCondition: DenyOutcome["limitedByCondition"];
}

export interface ResourceStatementClassification {
  statement: StatementRef;
  /** The widest class among the principals not neutralised (among all when every one is). */
  classification: InvokeClassification;
  reason: InvokeReason;
  grantsInvoke: boolean;
  invokeActions: InvokeAction[];
  /** How the invoke actions can be used: directly, or only through the function URL. */
  channels: StatementChannels;
  /** The actions as written, to answer "who can read or modify" for non-invoke grants. */
  actions: { kind: "Action" | "NotAction"; patterns: string[] };
  /** The statement grants more than invoking: lambda:*, GetFunction, UpdateFunctionCode, any NotAction... */
  grantsBeyondInvoke: boolean;
  principals: PrincipalClassification[];
  /** Conditions that narrowed the class; empty when the class comes from the principal alone. */
  decidingConditions: ScopingCondition[];
  /** Conditions present that do not narrow anything, with why. */
  ignoredConditions: IgnoredCondition[];
  /** The grant is usable through the function URL without AWS credentials. */
  publicViaFunctionUrl: boolean;
  /** Every principal is cancelled by a Deny. */
  neutralised: boolean;
}

export interface ResourcePolicySummary {
  isPubliclyInvokable: boolean;
  isPubliclyInvokableViaFunctionUrl: boolean;
  /** Principals (ARNs, account ids, `*` narrowed to another account) that can invoke from an untrusted account. */
  crossAccountPrincipals: string[];
  trustedAccountPrincipals: string[];
  /** AWS service principals that can invoke without SourceArn/SourceAccount scoping (confused deputy). */
  unscopedServicePrincipals: string[];
  organisationScopedStatements: StatementRef[];
  /** Invoke grants limited to an organisation that may not be ours: the scan does not know our organisation. */
  organisationUnknownStatements: StatementRef[];
  /** Non-invoke grants (GetFunction, UpdateFunctionCode, ...) that reach beyond the account. */
  externalNonInvokeStatements: StatementRef[];
  /** Principals that are the unique id of a deleted user or role: stale grants that match nobody. */
  deletedPrincipals: string[];
  /** The function URL's two permissions as granted, with the dated rule applied. */
  functionUrl: FunctionUrlAccess;
}

export interface ResourcePolicyAnalysis {
  statements: ResourceStatementClassification[];
  summary: ResourcePolicySummary;
}

/** Action patterns that grant invoking and nothing else: each invoke action, and `lambda:Invoke*`. */
const INVOKE_ONLY_PATTERNS = new Set(["lambda:invokefunction", "lambda:invokefunctionurl", "lambda:invokeasync", "lambda:invoke*"]);

/** Management vs invoke: does the statement's Action (or any NotAction) reach beyond invoking? */
function grantsBeyondInvoke(statement: ParsedStatement): boolean {
  if (statement.action === null) return true;
  return statement.action.some((pattern) => !INVOKE_ONLY_PATTERNS.has(pattern.toLowerCase()));
}

interface DraftPrincipal extends PrincipalClassification {
  deciding: ScopingCondition[];
  publicViaUrl: boolean;
}

interface Draft {
  statement: ParsedStatement;
  invokeActions: InvokeAction[];
  channels: StatementChannels;
  scope: ReturnType<typeof analyseConditionScope>;
  principals: DraftPrincipal[];
}

function draftStatement(statement: ParsedStatement, denies: ParsedStatement[], ctx: InvokeContext): Draft {
  const scope = analyseConditionScope(statement.conditions);
  const invokeActions = invokeActionsOf(statement);
  const targets: (ParsedPrincipal | null)[] = statement.notPrincipal !== null ? [null] : (statement.principal ?? [null]);
  const principals = targets.map((principal): DraftPrincipal => {
    const classified = classifyInvokePrincipal(principal, statement, scope.scoping, ctx);
    const denied = applyDenies(denies, { principal, caller: classified.caller, actions: invokeActions, actionPatterns: statement.action, resources: statement.resource }, { ...ctx, resourceAccountId: ctx.accountId });
    const bounded = denied.boundedBy !== null && reachRank(denied.boundedBy.reach) < reachRank(classified.classification);
    return {
      principal,
      classification: bounded && denied.boundedBy ? denied.boundedBy.reach : classified.classification,
      reason: bounded ? "boundedByDeny" : classified.reason,
      accountIds: classified.accountIds,
      neutralisedBy: denied.neutralisedBy,
      boundedBy: bounded ? denied.boundedBy : null,
      limitedByCondition: denied.limitedByCondition,
      deciding: classified.deciding,
      publicViaUrl: classified.publicViaUrl && (!bounded || denied.boundedBy?.reach === "public"),
    };
  });
  return { statement, invokeActions, channels: channelsOf(invokeActions, scope), scope, principals };
}

function finish(draft: Draft): ResourceStatementClassification {
  const { statement, principals, invokeActions } = draft;
  const live = principals.filter((item) => item.neutralisedBy === null);
  const deciders = live.length > 0 ? live : principals;
  const classification = widest(deciders.map((item) => item.classification)) ?? "public";
  const decider = deciders.find((item) => item.classification === classification);
  return {
    statement: { index: statement.index, sid: statement.sid },
    classification,
    reason: decider?.reason ?? "wildcardPrincipal",
    grantsInvoke: invokeActions.length > 0,
    invokeActions,
    channels: draft.channels,
    actions: statement.action !== null ? { kind: "Action", patterns: statement.action } : { kind: "NotAction", patterns: statement.notAction ?? [] },
    grantsBeyondInvoke: grantsBeyondInvoke(statement),
    principals: principals.map(({ principal, classification: reach, reason, accountIds, neutralisedBy, boundedBy, limitedByCondition }) => ({ principal, classification: reach, reason, accountIds, neutralisedBy, boundedBy, limitedByCondition })),
    decidingConditions: [...new Set(deciders.flatMap((item) => item.deciding))],
    ignoredConditions: draft.scope.ignored,
    publicViaFunctionUrl: live.some((item) => item.publicViaUrl && item.classification === "public") && invokeActions.length > 0,
    neutralised: live.length === 0,
  };
}

function principalLabel(item: PrincipalClassification): string {
  if (item.principal === null || item.principal.isWildcard) return item.accountIds.length > 0 ? item.accountIds.join(",") : "*";
  return canonicalPrincipalValue(item.principal);
}

function summarise(statements: ResourceStatementClassification[], functionUrl: FunctionUrlAccess): ResourcePolicySummary {
  const invoking = statements.filter((item) => item.grantsInvoke && !item.neutralised);
  const livePrincipals = invoking.flatMap((item) => item.principals.filter((principal) => principal.neutralisedBy === null));
  const labels = (reach: Reach): string[] => [...new Set(livePrincipals.filter((item) => item.classification === reach).map(principalLabel))].sort();
  const byClass = (reach: Reach) => invoking.filter((item) => item.classification === reach).map((item) => item.statement);
  return {
    isPubliclyInvokable: invoking.some((item) => item.classification === "public"),
    isPubliclyInvokableViaFunctionUrl: invoking.some((item) => item.publicViaFunctionUrl),
    crossAccountPrincipals: labels("cross-account"),
    trustedAccountPrincipals: labels("trusted-account"),
    unscopedServicePrincipals: labels("service-no-source"),
    organisationScopedStatements: byClass("organisation-scoped"),
    organisationUnknownStatements: byClass("organisation-unknown"),
    externalNonInvokeStatements: statements
      .filter((item) => !item.grantsInvoke && !item.neutralised && item.classification !== "own-account" && item.classification !== "nobody")
      .map((item) => item.statement),
    deletedPrincipals: [...new Set(statements.flatMap((item) => item.principals.filter((principal) => principal.reason === "deletedPrincipal").map(principalLabel)))].sort(),
    functionUrl,
  };
}

/**
 * Classify every Allow statement of a resource-based policy (a function's, an alias's, a version's or a
 * layer version's). Accepts the document as stored in the snapshot (object) or as AWS returned it (JSON
 * string, possibly URL-encoded).
 * @throws PolicyParseError when the document is not a policy.
 */
export function classifyResourcePolicy(doc: unknown, ctx: InvokeContext): ResourcePolicyAnalysis {
  const policy = parsePolicyDocument(doc);
  const denies = policy.statements.filter((statement) => statement.effect === "Deny");
  const drafts = policy.statements.filter((statement) => statement.effect === "Allow").map((statement) => draftStatement(statement, denies, ctx));
  const functionUrl = pairFunctionUrlPermissions(drafts, ctx);
  const statements = drafts.map(finish);
  return { statements, summary: summarise(statements, functionUrl) };
}

import { analyseConditionScope, scopedValues, type IgnoredCondition, type ScopingCondition } from "./conditions.js";
import { findNeutralisingDeny } from "./deny.js";
import { actionMatches } from "./match.js";
import { parsePolicyDocument, type ParsedPrincipal, type ParsedStatement, type StatementRef } from "./parse.js";
import { accountOfAwsPrincipal, canonicalPrincipalValue } from "./principal.js";
import { classifyAccounts, narrowWildcard, widest, type AccountContext, type Narrowing, type Reach } from "./scope.js";

/**
 * "Who can invoke this function?" from its resource-based policy (Lambda GetPolicy).
 * https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 */

export type InvokeClassification = Reach;

/**
 * Actions that run the function. lambda:InvokeAsync is deprecated but still honoured for functions that
 * had it, so it counts. https://docs.aws.amazon.com/lambda/latest/api/API_InvokeAsync.html
 */
export const INVOKE_ACTIONS = ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:InvokeAsync"] as const;
export type InvokeAction = (typeof INVOKE_ACTIONS)[number];

export type FunctionUrlAuthType = "NONE" | "AWS_IAM";

export interface InvokeContext extends AccountContext {
  /** The function URL's auth type; null when the function has no URL; undefined when not read. */
  functionUrlAuthType?: FunctionUrlAuthType | null;
}

/** Why a principal got its class: a stable id, not prose. */
export type InvokeReason =
  | "notPrincipal"
  | "wildcardPrincipal"
  | "functionUrlAuthNone"
  | "functionUrlAuthIam"
  | "narrowedByCondition"
  | "accountPrincipal"
  | "unrecognisedAwsPrincipal"
  | "servicePrincipalScoped"
  | "servicePrincipalUnscoped"
  | "externalIdentityPrincipal";

export interface PrincipalClassification {
  /** Null for the everyone-but of a NotPrincipal. */
  principal: ParsedPrincipal | null;
  classification: InvokeClassification;
  reason: InvokeReason;
  /** Accounts the principal is pinned to, by its ARN or by a condition. */
  accountIds: string[];
  /** The unconditional Deny that cancels this principal's grant, if any. */
  neutralisedBy: StatementRef | null;
}

export interface ResourceStatementClassification {
  statement: StatementRef;
  /** The widest class among the principals not neutralised (among all when every one is). */
  classification: InvokeClassification;
  reason: InvokeReason;
  grantsInvoke: boolean;
  invokeActions: InvokeAction[];
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
  /** Every principal is cancelled by an unconditional Deny. */
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
  /** Non-invoke grants (GetFunction, UpdateFunctionCode, ...) that reach beyond the account. */
  externalNonInvokeStatements: StatementRef[];
}

export interface ResourcePolicyAnalysis {
  statements: ResourceStatementClassification[];
  summary: ResourcePolicySummary;
}

/** Action patterns that grant invoking and nothing else: each invoke action, and `lambda:Invoke*`. */
const INVOKE_ONLY_PATTERNS = new Set([...INVOKE_ACTIONS.map((action) => action.toLowerCase()), "lambda:invoke*"]);

/** Management vs invoke: does the statement's Action (or any NotAction) reach beyond invoking? */
function grantsBeyondInvoke(statement: ParsedStatement): boolean {
  if (statement.action === null) return true;
  return statement.action.some((pattern) => !INVOKE_ONLY_PATTERNS.has(pattern.toLowerCase()));
}

function invokeActionsOf(statement: ParsedStatement): InvokeAction[] {
  const { action, notAction } = statement;
  return INVOKE_ACTIONS.filter((invoke) =>
    action !== null
      ? action.some((pattern) => actionMatches(pattern, invoke))
      : notAction !== null && !notAction.some((pattern) => actionMatches(pattern, invoke)),
  );
}

/**
 * The function URL conditions. `lambda:FunctionUrlAuthType` = NONE is the documented public URL grant;
 * = AWS_IAM still requires SigV4, so a `*` principal means any authenticated principal of any account
 * (cross-account, not anonymous). `lambda:InvokedViaFunctionUrl` = true limits the grant to URL calls,
 * so the function's URL auth type decides. https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
 */
function functionUrlNarrowing(statement: ParsedStatement, scoping: ScopingCondition[], ctx: InvokeContext): { narrowing: Narrowing | null; publicViaUrl: boolean } {
  const scope = { scoping, ignored: [] };
  const authType = scopedValues(scope, "functionUrlAuthType");
  const viaUrlValues = scopedValues(scope, "invokedViaFunctionUrl");
  // `lambda:InvokedViaFunctionUrl` = false keeps the grant off the URL: only "true" ties it to the URL.
  const viaUrl = viaUrlValues !== null && viaUrlValues.every((value) => value === "TRUE");
  const authCondition = scoping.filter((item) => item.kind === "functionUrlAuthType");
  if (authType !== null && authType.every((value) => value === "AWS_IAM")) {
    return { narrowing: { reach: "cross-account", deciding: authCondition }, publicViaUrl: false };
  }
  // A NONE grant is live while the URL uses NONE; unknown (not read) is treated as possibly NONE. With no
  // URL, or an AWS_IAM one, it is latent: still classified public (creating a NONE URL would expose it).
  const urlMayBeOpen = ctx.functionUrlAuthType === "NONE" || ctx.functionUrlAuthType === undefined;
  if (authType !== null) return { narrowing: null, publicViaUrl: urlMayBeOpen };
  const urlCalls = invokeActionsOf(statement).includes("lambda:InvokeFunctionUrl");
  if (viaUrl && ctx.functionUrlAuthType === "AWS_IAM") {
    return { narrowing: { reach: "cross-account", deciding: scoping.filter((item) => item.kind === "invokedViaFunctionUrl") }, publicViaUrl: false };
  }
  // Without the explicit NONE condition, only a URL known to use NONE makes the grant public via URL.
  return { narrowing: null, publicViaUrl: ctx.functionUrlAuthType === "NONE" && (urlCalls || viaUrl) };
}

const SOURCE_KINDS = new Set(["sourceAccount", "sourceArn", "sourceOrg", "eventSourceToken"]);

interface Classified {
  classification: Reach;
  reason: InvokeReason;
  accountIds: string[];
  deciding: ScopingCondition[];
  publicViaUrl: boolean;
}

function classifyWildcard(statement: ParsedStatement, scoping: ScopingCondition[], ctx: InvokeContext, reason: InvokeReason): Classified {
  const url = functionUrlNarrowing(statement, scoping, ctx);
  const narrowing = narrowWildcard({ scoping, ignored: [] }, ctx, url.narrowing === null ? [] : [url.narrowing]);
  const publicReason: InvokeReason = url.publicViaUrl && reason === "wildcardPrincipal" ? "functionUrlAuthNone" : reason;
  const narrowedReason: InvokeReason = narrowing.deciding.some((item) => item.kind === "functionUrlAuthType" || item.kind === "invokedViaFunctionUrl")
    ? "functionUrlAuthIam"
    : "narrowedByCondition";
  return {
    classification: narrowing.reach,
    reason: narrowing.reach === "public" ? publicReason : narrowedReason,
    accountIds: [...new Set(narrowing.deciding.flatMap((item) => item.accountIds))],
    deciding: narrowing.deciding,
    publicViaUrl: narrowing.reach === "public" && url.publicViaUrl,
  };
}

function classifyPrincipal(principal: ParsedPrincipal, statement: ParsedStatement, scoping: ScopingCondition[], ctx: InvokeContext): Classified {
  if (principal.isWildcard) return classifyWildcard(statement, scoping, ctx, "wildcardPrincipal");
  if (principal.type === "Service") {
    const sources = scoping.filter((item) => SOURCE_KINDS.has(item.kind));
    return sources.length > 0
      ? { classification: "service-scoped", reason: "servicePrincipalScoped", accountIds: sources.flatMap((item) => item.accountIds), deciding: sources, publicViaUrl: false }
      : { classification: "service-no-source", reason: "servicePrincipalUnscoped", accountIds: [], deciding: [], publicViaUrl: false };
  }
  if (principal.type === "AWS") {
    // A wildcard inside an ARN (`arn:aws:iam::*:root`) is not valid IAM, but would mean everyone.
    if (principal.value.includes("*")) return classifyWildcard(statement, scoping, ctx, "wildcardPrincipal");
    const account = accountOfAwsPrincipal(principal.value);
    return account === null
      ? { classification: "cross-account", reason: "unrecognisedAwsPrincipal", accountIds: [], deciding: [], publicViaUrl: false }
      : { classification: classifyAccounts([account], ctx), reason: "accountPrincipal", accountIds: [account], deciding: [], publicViaUrl: false };
  }
  // Federated and CanonicalUser identities live outside the account's IAM.
  return { classification: "cross-account", reason: "externalIdentityPrincipal", accountIds: [], deciding: [], publicViaUrl: false };
}

function classifyStatement(statement: ParsedStatement, denies: ParsedStatement[], ctx: InvokeContext): ResourceStatementClassification {
  const scope = analyseConditionScope(statement.conditions);
  const invokeActions = invokeActionsOf(statement);
  const targets: (ParsedPrincipal | null)[] = statement.notPrincipal !== null ? [null] : (statement.principal ?? [null]);
  const principals: (PrincipalClassification & { deciding: ScopingCondition[]; publicViaUrl: boolean })[] = targets.map((principal) => {
    // Allow + NotPrincipal grants everyone except the listed principals: public, whatever it excludes.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
    const classified = principal === null ? classifyWildcard(statement, scope.scoping, ctx, "notPrincipal") : classifyPrincipal(principal, statement, scope.scoping, ctx);
    const neutralisedBy = findNeutralisingDeny(denies, {
      principal,
      actions: invokeActions,
      actionPatterns: statement.action,
      resources: statement.resource,
    });
    return { principal, classification: classified.classification, reason: classified.reason, accountIds: classified.accountIds, neutralisedBy, deciding: classified.deciding, publicViaUrl: classified.publicViaUrl };
  });
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
    actions: statement.action !== null ? { kind: "Action", patterns: statement.action } : { kind: "NotAction", patterns: statement.notAction ?? [] },
    grantsBeyondInvoke: grantsBeyondInvoke(statement),
    principals: principals.map(({ principal, classification: reach, reason, accountIds, neutralisedBy }) => ({ principal, classification: reach, reason, accountIds, neutralisedBy })),
    decidingConditions: [...new Set(deciders.flatMap((item) => item.deciding))],
    ignoredConditions: scope.ignored,
    publicViaFunctionUrl: live.some((item) => item.publicViaUrl) && invokeActions.length > 0,
    neutralised: live.length === 0,
  };
}

function principalLabel(item: PrincipalClassification): string {
  if (item.principal === null || item.principal.isWildcard) return item.accountIds.length > 0 ? item.accountIds.join(",") : "*";
  return canonicalPrincipalValue(item.principal);
}

function summarise(statements: ResourceStatementClassification[]): ResourcePolicySummary {
  const invoking = statements.filter((item) => item.grantsInvoke && !item.neutralised);
  const livePrincipals = invoking.flatMap((item) => item.principals.filter((principal) => principal.neutralisedBy === null));
  const labels = (reach: Reach): string[] => [...new Set(livePrincipals.filter((item) => item.classification === reach).map(principalLabel))].sort();
  return {
    isPubliclyInvokable: invoking.some((item) => item.classification === "public"),
    isPubliclyInvokableViaFunctionUrl: invoking.some((item) => item.publicViaFunctionUrl),
    crossAccountPrincipals: labels("cross-account"),
    trustedAccountPrincipals: labels("trusted-account"),
    unscopedServicePrincipals: labels("service-no-source"),
    organisationScopedStatements: invoking.filter((item) => item.classification === "organisation-scoped").map((item) => item.statement),
    externalNonInvokeStatements: statements
      .filter((item) => !item.grantsInvoke && !item.neutralised && item.classification !== "own-account")
      .map((item) => item.statement),
  };
}

/**
 * Classify every Allow statement of a function's resource-based policy. Accepts the document as stored
 * in the snapshot (object) or as AWS returned it (JSON string, possibly URL-encoded).
 * @throws PolicyParseError when the document is not a policy.
 */
export function classifyResourcePolicy(doc: unknown, ctx: InvokeContext): ResourcePolicyAnalysis {
  const policy = parsePolicyDocument(doc);
  const denies = policy.statements.filter((statement) => statement.effect === "Deny");
  const statements = policy.statements.filter((statement) => statement.effect === "Allow").map((statement) => classifyStatement(statement, denies, ctx));
  return { statements, summary: summarise(statements) };
}

import { actionMatches } from "./match.js";
import { scopedValues, type ScopingCondition } from "./conditions.js";
import type { Caller } from "./deny-conditions.js";
import { classifyOrganisations } from "./organisation.js";
import type { ParsedPrincipal, ParsedStatement } from "./parse.js";
import { accountOfAwsPrincipal, uniqueIdKind } from "./principal.js";
import { classifyAccounts, narrowest, narrowWildcard, type AccountContext, type Narrowing, type Reach } from "./scope.js";

/**
 * Who one principal of a Lambda resource-based policy statement is, and how far its grant reaches.
 * https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 */

/**
 * Actions that run the function. lambda:InvokeAsync is deprecated but still honoured for functions that
 * had it, so it counts. https://docs.aws.amazon.com/lambda/latest/api/API_InvokeAsync.html
 */
export const INVOKE_ACTIONS = ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:InvokeAsync"] as const;
export type InvokeAction = (typeof INVOKE_ACTIONS)[number];

export type FunctionUrlAuthType = "NONE" | "AWS_IAM";

/**
 * What a resource policy is judged with. The same context serves the unqualified function, an alias or
 * a version: pass the URL of the resource whose policy it is.
 */
export interface InvokeContext extends AccountContext {
  /** The function URL's auth type; null when the resource has no URL; undefined when not read. */
  functionUrlAuthType?: FunctionUrlAuthType | null;
  /** The URL's CreationTime (ISO); undefined when not known. */
  functionUrlCreationTime?: string;
  /** The snapshot's collectedAt (ISO): function URL rules are dated and judged at this time. */
  collectedAt?: string;
  /** Another URL of the same account and region was created before October 2025 (the legacy exception is per account and region). */
  accountRegionHadEarlierUrl?: boolean;
}

/** Why a principal got its class: a stable id, not prose. */
export type InvokeReason =
  | "notPrincipal"
  | "wildcardPrincipal"
  | "functionUrlAuthNone"
  | "functionUrlAuthIam"
  | "narrowedByCondition"
  | "accountPrincipal"
  | "deletedPrincipal"
  | "unrecognisedAwsPrincipal"
  | "servicePrincipalScoped"
  | "servicePrincipalForeignSource"
  | "servicePrincipalUnscoped"
  | "organisationUnknown"
  | "externalIdentityPrincipal"
  | "boundedByDeny"
  | "urlPermissionIncomplete"
  | "narrowedByUrlCounterpart";

export interface ClassifiedPrincipal {
  classification: Reach;
  reason: InvokeReason;
  accountIds: string[];
  deciding: ScopingCondition[];
  publicViaUrl: boolean;
  /** How a Deny's conditions see this principal's callers. */
  caller: Caller;
}

export function invokeActionsOf(statement: ParsedStatement): InvokeAction[] {
  const { action, notAction } = statement;
  return INVOKE_ACTIONS.filter((invoke) =>
    action !== null ? action.some((pattern) => actionMatches(pattern, invoke)) : notAction !== null && !notAction.some((pattern) => actionMatches(pattern, invoke)),
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

const ACCOUNT_REACHES = new Set<Reach>(["own-account", "trusted-account", "cross-account"]);

function classifyWildcard(statement: ParsedStatement, scoping: ScopingCondition[], ctx: InvokeContext, reason: InvokeReason): ClassifiedPrincipal {
  const url = functionUrlNarrowing(statement, scoping, ctx);
  const narrowing = narrowWildcard({ scoping, ignored: [] }, ctx, url.narrowing === null ? [] : [url.narrowing]);
  const publicReason: InvokeReason = url.publicViaUrl && reason === "wildcardPrincipal" ? "functionUrlAuthNone" : reason;
  const narrowedReason: InvokeReason =
    narrowing.reach === "organisation-unknown"
      ? "organisationUnknown"
      : narrowing.deciding.some((item) => item.kind === "functionUrlAuthType" || item.kind === "invokedViaFunctionUrl")
        ? "functionUrlAuthIam"
        : "narrowedByCondition";
  const accountIds = [...new Set(narrowing.deciding.flatMap((item) => item.accountIds))];
  // A wildcard pinned to accounts by a principal key is, for a Deny's conditions, those accounts' principals.
  const pinnedToAccounts = ACCOUNT_REACHES.has(narrowing.reach) && accountIds.length > 0 && narrowing.deciding.every((item) => item.kind === "principalAccount" || item.kind === "principalArn");
  return {
    classification: narrowing.reach,
    reason: narrowing.reach === "public" ? publicReason : narrowedReason,
    accountIds,
    deciding: narrowing.deciding,
    publicViaUrl: narrowing.reach === "public" && url.publicViaUrl,
    caller: pinnedToAccounts ? { kind: "accounts", accountIds } : { kind: "anyone" },
  };
}

const SOURCE_KINDS = new Set(["sourceAccount", "sourceArn", "sourceOrg", "eventSourceToken"]);

/**
 * How far a service principal's source conditions reach. A source in our account (or a named bucket,
 * or an Alexa skill token) keeps the service scoped; a source in another account is a grant to that
 * account's resources: cross-account. https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html
 * ("If you grant permission to a service principal without specifying the source, other accounts could
 * potentially configure resources in their account to invoke your Lambda function.")
 */
function sourceReach(item: ScopingCondition, ctx: AccountContext): Reach {
  if (item.kind === "sourceOrg") {
    const organisation = classifyOrganisations(item.organisationIds, ctx);
    return organisation === "organisation-scoped" ? "service-scoped" : organisation;
  }
  if (item.accountIds.length === 0) return "service-scoped";
  const accounts = classifyAccounts(item.accountIds, ctx);
  return accounts === "own-account" ? "service-scoped" : accounts;
}

function classifyService(scoping: ScopingCondition[], ctx: AccountContext): ClassifiedPrincipal {
  const sources = scoping.filter((item) => SOURCE_KINDS.has(item.kind));
  if (sources.length === 0) {
    return { classification: "service-no-source", reason: "servicePrincipalUnscoped", accountIds: [], deciding: [], publicViaUrl: false, caller: { kind: "service", sourceAccountIds: null } };
  }
  // Conditions are ANDed: the narrowest source decides, and a condition naming the source's account (or
  // organisation) decides over one naming a resource without an account (an S3 bucket, which anyone can own).
  const owned = sources.filter((item) => item.accountIds.length > 0 || item.organisationIds.length > 0);
  const deciders = owned.length > 0 ? owned : sources;
  const reach = narrowest(deciders.map((item) => sourceReach(item, ctx))) ?? "service-scoped";
  const deciding = deciders.filter((item) => sourceReach(item, ctx) === reach);
  const pinned = sources.filter((item) => item.kind === "sourceAccount" || (item.kind === "sourceArn" && item.accountIds.length > 0));
  const reason: InvokeReason = reach === "cross-account" ? "servicePrincipalForeignSource" : reach === "organisation-unknown" ? "organisationUnknown" : "servicePrincipalScoped";
  return {
    classification: reach,
    reason,
    accountIds: [...new Set(deciding.flatMap((item) => item.accountIds))],
    deciding,
    publicViaUrl: false,
    caller: { kind: "service", sourceAccountIds: pinned.length > 0 ? [...new Set(pinned.flatMap((item) => item.accountIds))] : null },
  };
}

const fixed = (classification: Reach, reason: InvokeReason, accountIds: string[], caller: Caller): ClassifiedPrincipal => ({ classification, reason, accountIds, deciding: [], publicViaUrl: false, caller });

/** A principal of an Allow (null: the everyone-but of a NotPrincipal). */
export function classifyInvokePrincipal(principal: ParsedPrincipal | null, statement: ParsedStatement, scoping: ScopingCondition[], ctx: InvokeContext): ClassifiedPrincipal {
  // Allow + NotPrincipal grants everyone except the listed principals: public, whatever it excludes.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
  if (principal === null) return classifyWildcard(statement, scoping, ctx, "notPrincipal");
  if (principal.isWildcard) return classifyWildcard(statement, scoping, ctx, "wildcardPrincipal");
  if (principal.type === "Service") return classifyService(scoping, ctx);
  if (principal.type === "AWS") {
    // A wildcard inside an ARN (`arn:aws:iam::*:root`) is not valid IAM, but would mean everyone.
    if (principal.value.includes("*")) return classifyWildcard(statement, scoping, ctx, "wildcardPrincipal");
    // The unique id AWS leaves when the named user or role was deleted: matches nobody.
    if (uniqueIdKind(principal.value) !== null) return fixed("nobody", "deletedPrincipal", [], { kind: "accounts", accountIds: [] });
    const account = accountOfAwsPrincipal(principal.value);
    return account === null
      ? fixed("cross-account", "unrecognisedAwsPrincipal", [], { kind: "external" })
      : fixed(classifyAccounts([account], ctx), "accountPrincipal", [account], { kind: "accounts", accountIds: [account] });
  }
  // Federated and CanonicalUser identities live outside the account's IAM.
  return fixed("cross-account", "externalIdentityPrincipal", [], { kind: "external" });
}

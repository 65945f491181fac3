import { functionUrlAuthRule, type AppliedFunctionUrlAuthRule } from "../data/function-url-auth.js";
import { scopedValues, type ConditionScope } from "./conditions.js";
import type { InvokeAction, InvokeContext, InvokeReason } from "./invoke-principal.js";
import { narrowest, widest, type Reach } from "./scope.js";

/**
 * A function URL's two permissions. Since October 2025 a call through a URL needs
 * `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction`, the latter possibly limited to URL calls with
 * `Bool lambda:InvokedViaFunctionUrl = true`; before, and for older URLs under a temporary exception,
 * the URL permission alone was enough (the dated rules are in src/data/function-url-auth.ts).
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
 *
 * So a statement usable only through the URL is worth only what the other half allows: a URL-limited
 * InvokeFunction grant to `*` without any InvokeFunctionUrl grant reaches nobody, and (under the rule
 * that needs both) an InvokeFunctionUrl grant to `*` without an InvokeFunction grant reaches nobody
 * either. When both exist, the caller must be in both: the narrower of the two reaches decides.
 */

/**
 * How a statement's invoke actions can be used:
 * - `direct`: lambda:InvokeFunction/InvokeAsync callable directly (and, for InvokeFunction, also the
 *   second half of a URL call unless `InvokedViaFunctionUrl` is false);
 * - `urlPermission`: only lambda:InvokeFunctionUrl;
 * - `urlInvoke`: lambda:InvokeFunction limited to URL calls;
 * - `urlBoth`: both halves, limited to URL calls;
 * - `none`: no invoke action.
 */
export type UrlChannel = "direct" | "urlPermission" | "urlInvoke" | "urlBoth" | "none";

export interface StatementChannels {
  channel: UrlChannel;
  /** The statement grants lambda:InvokeFunctionUrl. */
  grantsUrlPermission: boolean;
  /** The statement grants lambda:InvokeFunction usable as the second half of a URL call. */
  grantsUrlInvoke: boolean;
}

export function channelsOf(invokeActions: readonly InvokeAction[], scope: ConditionScope): StatementChannels {
  const viaUrl = scopedValues(scope, "invokedViaFunctionUrl");
  const urlOnly = viaUrl !== null && viaUrl.every((value) => value === "TRUE");
  const notViaUrl = viaUrl !== null && viaUrl.every((value) => value === "FALSE");
  const url = invokeActions.includes("lambda:InvokeFunctionUrl");
  const invoke = invokeActions.includes("lambda:InvokeFunction");
  const direct = (invoke || invokeActions.includes("lambda:InvokeAsync")) && !urlOnly;
  const channel: UrlChannel = direct ? "direct" : invoke ? (url ? "urlBoth" : "urlInvoke") : url ? "urlPermission" : "none";
  return { channel, grantsUrlPermission: url, grantsUrlInvoke: invoke && !notViaUrl };
}

/** What the policy grants through the function URL, before the two halves are paired. */
export interface FunctionUrlAccess {
  /** The dated rule that decides whether the URL permission alone invokes, at the snapshot's time. */
  rule: AppliedFunctionUrlAuthRule;
  /** The widest reach of the live lambda:InvokeFunctionUrl grants; null when there is none. */
  urlPermission: Reach | null;
  /** The widest reach of the live lambda:InvokeFunction grants usable through the URL; null when there is none. */
  invokePermission: Reach | null;
}

/** The fields of a classified statement the pairing reads and adjusts. */
export interface PairablePrincipal {
  classification: Reach;
  reason: InvokeReason;
  neutralisedBy: unknown;
  publicViaUrl: boolean;
}

export interface PairableStatement {
  channels: StatementChannels;
  principals: PairablePrincipal[];
}

function widestLive(statements: readonly PairableStatement[], pick: (channels: StatementChannels) => boolean): Reach | null {
  const reaches = statements.filter((item) => pick(item.channels)).flatMap((item) => item.principals.filter((principal) => principal.neutralisedBy === null).map((principal) => principal.classification));
  return widest(reaches);
}

function limitTo(principal: PairablePrincipal, counterpart: Reach | null): void {
  if (counterpart === null) {
    principal.classification = "nobody";
    principal.reason = "urlPermissionIncomplete";
  } else if (narrowest([principal.classification, counterpart]) !== principal.classification) {
    principal.classification = counterpart;
    principal.reason = "narrowedByUrlCounterpart";
  }
  if (principal.classification !== "public") principal.publicViaUrl = false;
}

/**
 * Pair the two halves across the policy's statements, in place: URL-only statements are limited by the
 * other half's widest reach. Returns what each half grants, with the rule that was applied.
 */
export function pairFunctionUrlPermissions(statements: readonly PairableStatement[], ctx: InvokeContext): FunctionUrlAccess {
  const rule = functionUrlAuthRule({
    creationTime: ctx.functionUrlAuthType === null ? null : ctx.functionUrlCreationTime,
    collectedAt: ctx.collectedAt,
    accountRegionHadEarlierUrl: ctx.accountRegionHadEarlierUrl,
  });
  const urlPermission = widestLive(statements, (channels) => channels.grantsUrlPermission);
  const invokePermission = widestLive(statements, (channels) => channels.grantsUrlInvoke);
  for (const statement of statements) {
    const { channel } = statement.channels;
    const needs = channel === "urlInvoke" ? urlPermission : channel === "urlPermission" && rule.urlPermissionAlone === "no" ? invokePermission : undefined;
    if (needs === undefined) continue;
    for (const principal of statement.principals) limitTo(principal, needs);
  }
  return { rule, urlPermission, invokePermission };
}

export interface FunctionUrlPermissionGap {
  /** The permission the policy does not grant to everyone. */
  missing: "lambda:InvokeFunction" | "lambda:InvokeFunctionUrl";
  /** Callers get 403 now; false while the URL permission alone still works (legacy exception, or unconfirmed enforcement). */
  brokenNow: boolean;
  rule: AppliedFunctionUrlAuthRule;
}

/**
 * For a URL with AuthType NONE: the policy grants one of the two permissions to everyone and not the
 * other. The URL is (or, once the legacy exception ends, will be) broken for its callers, and adding the
 * missing grant later would make it public. Null when both or neither are granted to everyone.
 */
export function functionUrlPermissionGap(access: FunctionUrlAccess): FunctionUrlPermissionGap | null {
  const urlPublic = access.urlPermission === "public";
  const invokePublic = access.invokePermission === "public";
  if (urlPublic === invokePublic) return null;
  if (urlPublic) return { missing: "lambda:InvokeFunction", brokenNow: access.rule.urlPermissionAlone === "no", rule: access.rule };
  return { missing: "lambda:InvokeFunctionUrl", brokenNow: true, rule: access.rule };
}

import {
  classifyResourcePolicy,
  describeStatement,
  PolicyParseError,
  type ResourcePolicyAnalysis,
  type ResourceStatementClassification,
} from "../../policy/index.js";
import type { LambdaFunction } from "../../snapshot/schema.js";
import { pass, unknown, type CheckResult } from "../check.js";
import type { SnapshotView } from "../view.js";

export type FunctionPolicyLookup =
  | { status: "notRead" }
  | { status: "none" }
  | { status: "unparseable"; error: string }
  | { status: "analysed"; analysis: ResourcePolicyAnalysis };

const cache = new WeakMap<LambdaFunction, FunctionPolicyLookup>();

/**
 * "Who can invoke this function?" from its resource policy, judged with the function URL's auth type
 * (undefined when the URL was not read: the analysis then assumes the URL may be open). Cached per
 * function object of a view, so the three policy checks parse each policy once.
 */
export function functionPolicyOf(fn: LambdaFunction, view: SnapshotView): FunctionPolicyLookup {
  const cached = cache.get(fn);
  if (cached) return cached;
  let lookup: FunctionPolicyLookup;
  if (fn.resourcePolicy === undefined) lookup = { status: "notRead" };
  else if (fn.resourcePolicy === null) lookup = { status: "none" };
  else {
    try {
      lookup = {
        status: "analysed",
        analysis: classifyResourcePolicy(fn.resourcePolicy, {
          accountId: view.accountId,
          trustedAccountIds: [...view.settings.trustedAccountIds],
          functionUrlAuthType: fn.url === undefined ? undefined : (fn.url?.authType ?? null),
        }),
      };
    } catch (error) {
      if (!(error instanceof PolicyParseError)) throw error;
      lookup = { status: "unparseable", error: error.message };
    }
  }
  cache.set(fn, lookup);
  return lookup;
}

/** Evidence for one classified statement: where it is and what decided its class. */
export function describeResourceStatement(statement: ResourceStatementClassification): Record<string, unknown> {
  return {
    statement: describeStatement(statement.statement),
    classification: statement.classification,
    reason: statement.reason,
    actions: statement.actions,
    principals: statement.principals
      .filter((principal) => principal.neutralisedBy === null)
      .map((principal) => ({
        principal: principal.principal === null ? "NotPrincipal" : `${principal.principal.type}:${principal.principal.value}`,
        classification: principal.classification,
        accountIds: principal.accountIds,
      })),
    decidingConditions: statement.decidingConditions.map((condition) => `${condition.condition.operator} ${condition.condition.key}`),
    ignoredConditions: statement.ignoredConditions.map((ignored) => ({ condition: ignored.condition.key, reason: ignored.reason })),
    publicViaFunctionUrl: statement.publicViaFunctionUrl,
  };
}

/**
 * The analysed policy, or the result every policy check gives when there is nothing to analyse:
 * not read is unknown, no policy is a pass (nobody outside IAM can invoke), unparseable is unknown.
 */
export function analysedFunctionPolicyOr(fn: LambdaFunction, view: SnapshotView): { analysis: ResourcePolicyAnalysis } | { result: CheckResult } {
  const lookup = functionPolicyOf(fn, view);
  switch (lookup.status) {
    case "notRead":
      return { result: unknown("policyNotRead", "The function's resource policy was not read.") };
    case "none":
      return { result: pass("noResourcePolicy", "The function has no resource-based policy.", { resourcePolicy: null }) };
    case "unparseable":
      return { result: unknown("policyUnparseable", "The function's resource policy could not be interpreted.", { error: lookup.error }) };
    default:
      return { analysis: lookup.analysis };
  }
}

import {
  describeScope,
  describeStatement,
  type Capability,
  type EscalationPath,
  type EscalationTargetJudgement,
  type Grant,
  type ResourceStatementClassification,
  type TrustStatementClassification,
} from "../policy/index.js";
import type { ApiRouteTrigger, ApiStageResource } from "./view/resources.js";

/**
 * Evidence in the shapes every check shares: what decided a result, never a whole policy document
 * and never a secret value.
 */

/** One classified resource-policy statement: where it is and what decided its class. */
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
        reason: principal.reason,
        accountIds: principal.accountIds,
        ...(principal.boundedBy === null ? {} : { boundedByDeny: describeStatement(principal.boundedBy.statement) }),
        ...(principal.limitedByCondition.length === 0 ? {} : { limitedByCondition: principal.limitedByCondition.map((item) => describeStatement(item.statement)) }),
      })),
    decidingConditions: statement.decidingConditions.map((condition) => `${condition.condition.operator} ${condition.condition.key}`),
    ignoredConditions: statement.ignoredConditions.map((ignored) => ({ condition: ignored.condition.key, reason: ignored.reason })),
    publicViaFunctionUrl: statement.publicViaFunctionUrl,
  };
}

/** One trust-policy statement that lets principals other than Lambda assume the role. */
export function describeTrustStatement(statement: TrustStatementClassification): Record<string, unknown> {
  return {
    statement: describeStatement(statement.statement),
    principals: statement.principals
      .filter((principal) => principal.neutralisedBy === null && principal.classification !== "lambda-service")
      .map((principal) => ({
        principal: principal.principal === null ? "NotPrincipal" : `${principal.principal.type}:${principal.principal.value}`,
        classification: principal.classification,
      })),
    requiresExternalId: statement.requiresExternalId,
  };
}

/** The statement of a role policy that grants something: policy and statement, never the whole document. */
export function describeGrant(grant: Grant): Record<string, unknown> {
  return {
    policy: grant.policy.arn ?? `inline:${grant.policy.name}`,
    statement: describeStatement(grant.statement, grant.policy.name),
    resources: grant.resources ?? (grant.notResources ? { notResource: grant.notResources } : null),
    conditional: grant.conditional,
  };
}

export function describeCapability(capability: Capability): Record<string, unknown> {
  const scopes = capability.everyResource ?? [];
  return { action: capability.action, grantedBy: capability.grants.map(describeGrant), ...(scopes.length === 0 ? {} : { everyResourceIn: [...new Set(scopes.map(describeScope))] }) };
}

function describeTarget(target: EscalationTargetJudgement): Record<string, unknown> {
  return { pattern: target.pattern, target: target.arn, verdict: target.verdict, ...(target.detail === null ? {} : { detail: target.detail }) };
}

/** An escalation path: its actions and, when judged, its targets. */
export function describeEscalationPath(path: EscalationPath): Record<string, unknown> {
  return {
    id: path.id,
    description: path.description,
    actions: path.actions.map(describeCapability),
    ...(path.targets === undefined ? {} : { targets: path.targets.map(describeTarget) }),
  };
}

/** An API route or REST method. */
export function describeRoute(route: ApiRouteTrigger): Record<string, unknown> {
  return route.kind === "rest"
    ? {
        apiId: route.api.id,
        apiType: "REST",
        resourcePath: route.resourcePath,
        httpMethod: route.httpMethod,
        authorizationType: route.authorizationType,
        apiKeyRequired: route.apiKeyRequired,
      }
    : {
        apiId: route.api.id,
        apiType: route.api.protocolType,
        routeKey: route.routeKey,
        authorizationType: route.authorizationType,
        apiKeyRequired: route.apiKeyRequired,
      };
}

/** An API stage. */
export function stageEvidence(stage: ApiStageResource): Record<string, unknown> {
  return { apiId: stage.api.id, apiType: stage.kind === "rest" ? "REST" : stage.api.protocolType, stage: stage.stage.name };
}

/**
 * What a log check adds to its evidence when the function's logging configuration was not in the
 * answer and AWS's defaults were assumed (an emulator, an older partition): the group and format
 * judged are `/aws/lambda/<name>` and Text, not what the function said.
 */
export function loggingDefaultsEvidence(fn: { loggingConfig?: { defaultsAssumed?: boolean | undefined } | undefined }): Record<string, unknown> {
  return fn.loggingConfig?.defaultsAssumed ? { loggingConfigAssumed: "the answer had no LoggingConfig: AWS's default (/aws/lambda/<function name>, Text) was assumed" } : {};
}

/**
 * Public API of src/policy: the one place IAM policy documents are interpreted.
 * Checks and reporters import from here, never from the individual modules.
 */
export { describeStatement, parsePolicyDocument, PolicyParseError } from "./parse.js";
export type {
  ConditionSetQualifier,
  Effect,
  ParsedCondition,
  ParsedPolicy,
  ParsedPrincipal,
  ParsedStatement,
  PolicyParseErrorCode,
  StatementRef,
} from "./parse.js";
export { analyseConditionScope } from "./conditions.js";
export type { ConditionScope, IgnoredCondition, IgnoredConditionReason, ScopeKind, ScopingCondition } from "./conditions.js";
export { REACH_ORDER } from "./scope.js";
export type { AccountContext, Reach } from "./scope.js";
export { classifyOrganisations } from "./organisation.js";
export type { OrganisationReach } from "./organisation.js";
export { uniqueIdKind } from "./principal.js";
export type { Caller, DenyApplicability } from "./deny-conditions.js";
export type { DenyOutcome } from "./deny.js";
export { functionUrlPermissionGap } from "./function-url.js";
export type { FunctionUrlAccess, FunctionUrlPermissionGap, StatementChannels, UrlChannel } from "./function-url.js";
export { classifyResourcePolicy, INVOKE_ACTIONS } from "./invoke.js";
export type {
  FunctionUrlAuthType,
  InvokeAction,
  InvokeClassification,
  InvokeContext,
  InvokeReason,
  PrincipalClassification,
  ResourcePolicyAnalysis,
  ResourcePolicySummary,
  ResourceStatementClassification,
} from "./invoke.js";
export { analyseTrustPolicy, ASSUME_ACTIONS, LAMBDA_SERVICE_PRINCIPAL, widestTrustClass } from "./trust.js";
export type {
  AssumeAction,
  TrustClassification,
  TrustPolicyAnalysis,
  TrustPrincipalClassification,
  TrustReason,
  TrustStatementClassification,
} from "./trust.js";
export { createActionCatalogue, loadActionCatalogue } from "./actions.js";
export type { ActionCatalogue, ActionResourceType } from "./actions.js";
export { describeScope, matchResource, resourcePatternCovers } from "./resource-match.js";
export type { ResourceMatch, ResourceScope } from "./resource-match.js";
export { analyseRolePermissions } from "./role.js";
export type {
  ActionResources,
  AdminReason,
  Capability,
  DismissedEscalationPath,
  EscalationPath,
  EscalationTargetJudgement,
  EscalationTargets,
  Grant,
  PartialDeny,
  PolicySource,
  RoleAnalysisOptions,
  RolePermissionAnalysis,
  RolePolicyInput,
  TargetBoundary,
  TargetFunction,
  TargetRole,
} from "./role.js";
export type { TargetVerdict } from "./escalation.js";
export { comparePermissions } from "./permission-compare.js";
export { CREDENTIAL_RETURNING_ACTIONS, DATA_EXFILTRATION_ACTIONS, ESCALATION_PATHS } from "./capability-catalogue.js";
export type { ActionRequirement, EscalationPathDefinition, EscalationTargetKind } from "./capability-catalogue.js";

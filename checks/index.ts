import type { AnyCheck } from "../src/engine/check-kit.js";
import apiStageAccessLogsDisabled from "./api-stage-access-logs-disabled.js";
import apiStageCacheUnencrypted from "./api-stage-cache-unencrypted.js";
import apiStageClientCertificateMissing from "./api-stage-client-certificate-missing.js";
import apiStageDataTraceEnabled from "./api-stage-data-trace-enabled.js";
import apiStageExecutionLoggingDisabled from "./api-stage-execution-logging-disabled.js";
import apiStageThrottlingUnset from "./api-stage-throttling-unset.js";
import apiStageTracingDisabled from "./api-stage-tracing-disabled.js";
import apiStageVariablesSecretPlaintext from "./api-stage-variables-secret-plaintext.js";
import apiStageWafMissing from "./api-stage-waf-missing.js";
import functionApiRouteApiKeyOnly from "./function-api-route-api-key-only.js";
import functionApiRouteUnauthenticated from "./function-api-route-unauthenticated.js";
import functionCapacityProviderEgressUnrestricted from "./function-capacity-provider-egress-unrestricted.js";
import functionCapacityProviderMixedTrust from "./function-capacity-provider-mixed-trust.js";
import functionCapacityProviderNoCmk from "./function-capacity-provider-no-cmk.js";
import functionCapacityProviderOperatorBroad from "./function-capacity-provider-operator-broad.js";
import functionCapacityProviderSingleAz from "./function-capacity-provider-single-az.js";
import functionCodeNoCmk from "./function-code-no-cmk.js";
import functionCodeSigningDisabled from "./function-code-signing-disabled.js";
import functionConcurrencyUnreserved from "./function-concurrency-unreserved.js";
import functionDlqMissing from "./function-dlq-missing.js";
import functionDurableRetentionLong from "./function-durable-retention-long.js";
import functionDurableStateNoCmk from "./function-durable-state-no-cmk.js";
import functionEnvNoCmk from "./function-env-no-cmk.js";
import functionEnvSecretPlaintext from "./function-env-secret-plaintext.js";
import functionEsmOnFailureMissing from "./function-esm-on-failure-missing.js";
import functionEsmRetriesUnbounded from "./function-esm-retries-unbounded.js";
import functionGuarddutyProtectionDisabled from "./function-guardduty-protection-disabled.js";
import functionImageOsPatching from "./function-image-os-patching.js";
import functionInspectorScanningDisabled from "./function-inspector-scanning-disabled.js";
import functionInvokeTrailMissing from "./function-invoke-trail-missing.js";
import functionLayerCrossAccount from "./function-layer-cross-account.js";
import functionLogGroupMissing from "./function-log-group-missing.js";
import functionLogGroupUnencrypted from "./function-log-group-unencrypted.js";
import functionLogLevelVerbose from "./function-log-level-verbose.js";
import functionLogRetentionShort from "./function-log-retention-short.js";
import functionLogRetentionUnbounded from "./function-log-retention-unbounded.js";
import functionPolicyCrossAccountInvoke from "./function-policy-cross-account-invoke.js";
import functionPolicyCrossAccountManage from "./function-policy-cross-account-manage.js";
import functionPolicyPublicInvoke from "./function-policy-public-invoke.js";
import functionPolicyServiceNoSource from "./function-policy-service-no-source.js";
import functionPolicyStalePrincipal from "./function-policy-stale-principal.js";
import functionRecursionLoopAllowed from "./function-recursion-loop-allowed.js";
import functionRoleMissing from "./function-role-missing.js";
import functionRuntimeDeprecated from "./function-runtime-deprecated.js";
import functionRuntimeDeprecationSoon from "./function-runtime-deprecation-soon.js";
import functionRuntimeUpdatesManual from "./function-runtime-updates-manual.js";
import functionSnapstartSnapshotExposed from "./function-snapstart-snapshot-exposed.js";
import functionTagsMissing from "./function-tags-missing.js";
import functionTracingDisabled from "./function-tracing-disabled.js";
import functionUrlAuthNone from "./function-url-auth-none.js";
import functionUrlCorsWildcard from "./function-url-cors-wildcard.js";
import functionUrlPermissionIncomplete from "./function-url-permission-incomplete.js";
import functionVpcEgressUnrestricted from "./function-vpc-egress-unrestricted.js";
import functionVpcNone from "./function-vpc-none.js";
import functionVpcSingleAz from "./function-vpc-single-az.js";
import layerVersionPublic from "./layer-version-public.js";
import roleAdminAccess from "./role-admin-access.js";
import roleDataExfiltrationWildcard from "./role-data-exfiltration-wildcard.js";
import roleNotactionAllow from "./role-notaction-allow.js";
import rolePassroleWildcard from "./role-passrole-wildcard.js";
import rolePrivilegeEscalation from "./role-privilege-escalation.js";
import roleSharedByFunctions from "./role-shared-by-functions.js";
import roleTrustBeyondLambda from "./role-trust-beyond-lambda.js";
import roleWildcardActions from "./role-wildcard-actions.js";

/**
 * Every check, listed explicitly (no file-system discovery): a test keeps this list and the
 * checks/ folder in step. Keep it sorted by id.
 */
export const ALL_CHECKS: readonly AnyCheck[] = Object.freeze([
  apiStageAccessLogsDisabled,
  apiStageCacheUnencrypted,
  apiStageClientCertificateMissing,
  apiStageDataTraceEnabled,
  apiStageExecutionLoggingDisabled,
  apiStageThrottlingUnset,
  apiStageTracingDisabled,
  apiStageVariablesSecretPlaintext,
  apiStageWafMissing,
  functionApiRouteApiKeyOnly,
  functionApiRouteUnauthenticated,
  functionCapacityProviderEgressUnrestricted,
  functionCapacityProviderMixedTrust,
  functionCapacityProviderNoCmk,
  functionCapacityProviderOperatorBroad,
  functionCapacityProviderSingleAz,
  functionCodeNoCmk,
  functionCodeSigningDisabled,
  functionConcurrencyUnreserved,
  functionDlqMissing,
  functionDurableRetentionLong,
  functionDurableStateNoCmk,
  functionEnvNoCmk,
  functionEnvSecretPlaintext,
  functionEsmOnFailureMissing,
  functionEsmRetriesUnbounded,
  functionGuarddutyProtectionDisabled,
  functionImageOsPatching,
  functionInspectorScanningDisabled,
  functionInvokeTrailMissing,
  functionLayerCrossAccount,
  functionLogGroupMissing,
  functionLogGroupUnencrypted,
  functionLogLevelVerbose,
  functionLogRetentionShort,
  functionLogRetentionUnbounded,
  functionPolicyCrossAccountInvoke,
  functionPolicyCrossAccountManage,
  functionPolicyPublicInvoke,
  functionPolicyServiceNoSource,
  functionPolicyStalePrincipal,
  functionRecursionLoopAllowed,
  functionRoleMissing,
  functionRuntimeDeprecated,
  functionRuntimeDeprecationSoon,
  functionRuntimeUpdatesManual,
  functionSnapstartSnapshotExposed,
  functionTagsMissing,
  functionTracingDisabled,
  functionUrlAuthNone,
  functionUrlCorsWildcard,
  functionUrlPermissionIncomplete,
  functionVpcEgressUnrestricted,
  functionVpcNone,
  functionVpcSingleAz,
  layerVersionPublic,
  roleAdminAccess,
  roleDataExfiltrationWildcard,
  roleNotactionAllow,
  rolePassroleWildcard,
  rolePrivilegeEscalation,
  roleSharedByFunctions,
  roleTrustBeyondLambda,
  roleWildcardActions,
] as AnyCheck[]);

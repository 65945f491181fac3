/**
 * Everything a check may use, in one module: checks import this kit, src/policy and src/data, and
 * nothing else (the architecture test holds them to it). See CONTRIBUTING.md for adding a check.
 */
export { z } from "zod";
export { accountOfArn, serviceOfArn } from "../arn.js";
export { defineCheck, fail, notApplicable, pass, unknown } from "./check.js";
export type { AnyCheck, CheckOutcome, Evidence, MessageValues } from "./check.js";
export {
  describeCapability,
  describeEscalationPath,
  describeGrant,
  describeResourceStatement,
  describeRoute,
  describeTrustStatement,
  loggingDefaultsEvidence,
  stageEvidence,
} from "./evidence.js";
export { inlineSecrets } from "./secrets.js";
export { availabilityZones, unrestrictedEgress } from "./network.js";
export { MAXIMUM_DAYS_SINCE_DEPLOYMENT } from "./settings.js";
export { daysBetween, parseAwsTimestamp, startOfDay } from "./time.js";
export { FUNCTION_POLICY_REASONS, LAYER_POLICY_REASONS, ROLE_POLICY_REASONS, TRUST_POLICY_REASONS } from "./view/analyses.js";
export type { Lookup } from "./view/analyses.js";
export type { ApiRouteTrigger, ApiStageResource, LayerVersionResource, RoleResource } from "./view/resources.js";
export { logGroupNameOf } from "../snapshot/lambda-defaults.js";
export { STAGE_SCOPE_REASONS } from "./view/view.js";
export { CAPACITY_PROVIDER_REASONS, DETECTIVE_COVERAGE_REASONS } from "./view/surface.js";
export type { TrailJudgement } from "./view/surface.js";
export type { SnapshotView } from "./view/view.js";
export type { CapacityProvider, DetectiveCoverage, LambdaFunction, Role, SecurityGroup } from "../snapshot/schema.js";

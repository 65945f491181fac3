import type { Trail } from "../src/snapshot/schema.js";
import type { CallContext, ServiceHandlers } from "./context.js";
import { AwsError } from "./protocol.js";

/**
 * CloudTrail (JSON 1.1, X-Amz-Target CloudTrail_20131101.<Operation>), GuardDuty and Inspector2
 * (REST-JSON), answering from the account's `detectiveCoverage`. A trail is served in every region it
 * applies to (its entries), and its status and selectors by ARN from anywhere, as a member account
 * reads an organisation trail.
 */

function trailByArn(ctx: CallContext, reference: string): Trail {
  for (const entry of ctx.index.account.detectiveCoverage ?? []) {
    const trail = (entry.trails ?? []).find((candidate) => candidate.arn === reference || (candidate.name === reference && (candidate.homeRegion ?? entry.region) === ctx.region));
    if (trail) return trail;
  }
  throw new AwsError("TrailNotFoundException", `Unknown trail: ${reference} for the user: ${ctx.index.account.accountId}`, 400);
}

export const cloudTrailHandlers: ServiceHandlers = {
  service: "cloudtrail",
  resourceOf: (ctx) => (typeof ctx.json.Name === "string" ? ctx.json.Name : typeof ctx.json.TrailName === "string" ? ctx.json.TrailName : null),
  handlers: {
    DescribeTrails(ctx) {
      const trails = ctx.index.detectiveCoverageByRegion.get(ctx.region)?.trails ?? [];
      return {
        trailList: trails.map((trail) => ({
          Name: trail.name,
          S3BucketName: `${trail.name}-logs`,
          IncludeGlobalServiceEvents: true,
          IsMultiRegionTrail: trail.isMultiRegionTrail,
          HomeRegion: trail.homeRegion ?? ctx.region,
          TrailARN: trail.arn,
          LogFileValidationEnabled: true,
          HasCustomEventSelectors: trail.eventSelectors !== undefined,
          HasInsightSelectors: false,
          IsOrganizationTrail: trail.isOrganizationTrail,
        })),
      };
    },
    GetTrailStatus(ctx) {
      const trail = trailByArn(ctx, String(ctx.json.Name ?? ""));
      return { IsLogging: trail.isLogging ?? true };
    },
    GetEventSelectors(ctx) {
      const trail = trailByArn(ctx, String(ctx.json.TrailName ?? ""));
      const selectors = trail.eventSelectors ?? { basic: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [] }], advanced: [] };
      return {
        TrailARN: trail.arn,
        ...(selectors.advanced.length > 0
          ? {
              AdvancedEventSelectors: selectors.advanced.map((selector) => ({
                ...(selector.name ? { Name: selector.name } : {}),
                FieldSelectors: selector.fieldSelectors.map((field) => ({
                  Field: field.field,
                  Equals: field.equals,
                  StartsWith: field.startsWith,
                  EndsWith: field.endsWith,
                  NotEquals: field.notEquals,
                  NotStartsWith: field.notStartsWith,
                  NotEndsWith: field.notEndsWith,
                })),
              })),
            }
          : {
              EventSelectors: selectors.basic.map((selector) => ({
                ReadWriteType: selector.readWriteType,
                IncludeManagementEvents: selector.includeManagementEvents,
                DataResources: selector.dataResources.map((resource) => ({ Type: resource.type, Values: resource.values })),
                ExcludeManagementEventSources: [],
              })),
            }),
      };
    },
  },
};

export const guardDutyHandlers: ServiceHandlers = {
  service: "guardduty",
  resourceOf: (ctx) => ctx.labels.DetectorId ?? null,
  handlers: {
    ListDetectors(ctx) {
      return { detectorIds: (ctx.index.detectiveCoverageByRegion.get(ctx.region)?.guardDutyDetectors ?? []).map((detector) => detector.id) };
    },
    GetDetector(ctx) {
      const detector = (ctx.index.detectiveCoverageByRegion.get(ctx.region)?.guardDutyDetectors ?? []).find((candidate) => candidate.id === ctx.labels.DetectorId);
      if (!detector) throw new AwsError("BadRequestException", "The request is rejected because the input detectorId is not owned by the current account.", 400);
      return {
        createdAt: "2025-06-01T00:00:00.000Z",
        findingPublishingFrequency: "SIX_HOURS",
        serviceRole: `arn:aws:iam::${ctx.index.account.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        status: detector.status,
        updatedAt: "2026-01-01T00:00:00.000Z",
        features: [
          { name: "CLOUD_TRAIL", status: "ENABLED", updatedAt: 1767225600 },
          ...(detector.lambdaProtection !== null ? [{ name: "LAMBDA_NETWORK_LOGS", status: detector.lambdaProtection, updatedAt: 1767225600 }] : []),
        ],
      };
    },
  },
};

export const inspector2Handlers: ServiceHandlers = {
  service: "inspector2",
  handlers: {
    BatchGetAccountStatus(ctx) {
      const state = (status: string | null) => ({ status: status ?? "DISABLED", errorCode: "ALREADY_ENABLED", errorMessage: "" });
      const inspector = ctx.index.detectiveCoverageByRegion.get(ctx.region)?.inspector;
      const requested = Array.isArray(ctx.json.accountIds) ? (ctx.json.accountIds as string[]) : [ctx.index.account.accountId];
      return {
        accounts: requested
          .filter((accountId) => accountId === ctx.index.account.accountId)
          .map((accountId) => ({
            accountId,
            state: state(inspector?.status ?? null),
            resourceState: {
              ec2: state(inspector?.status ?? null),
              ecr: state(inspector?.status ?? null),
              ...(inspector?.lambda !== null ? { lambda: state(inspector?.lambda ?? null) } : {}),
              ...(inspector?.lambdaCode !== null ? { lambdaCode: state(inspector?.lambdaCode ?? null) } : {}),
            },
          })),
        failedAccounts: [],
      };
    },
  },
};

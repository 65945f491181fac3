import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type AdvancedEventSelector,
  type EventSelector,
  type Trail as AwsTrail,
} from "@aws-sdk/client-cloudtrail";
import { GetDetectorCommand, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { BatchGetAccountStatusCommand } from "@aws-sdk/client-inspector2";
import type { DetectiveCoverage, Trail } from "../snapshot/schema.js";
import type { CollectContext } from "./context.js";

/** GuardDuty's ListDetectors: "The default value is 50. The maximum value is 50." */
const DETECTOR_PAGE_SIZE = 50;

type TrailSelectors = NonNullable<Trail["eventSelectors"]>;
interface TrailDetails {
  isLogging?: boolean;
  eventSelectors?: TrailSelectors;
}

/**
 * The account's detective services in every scanned region, which each function's output phase relies
 * on: the CloudTrail trails that apply to the region (DescribeTrails with shadow trails, so that
 * multi-region and organisation trails are seen), what each records (GetEventSelectors) and whether it
 * is logging (GetTrailStatus); GuardDuty's detector and its Lambda Protection feature (ListDetectors,
 * GetDetector); Amazon Inspector's Lambda scanning (BatchGetAccountStatus). Each region's trails are
 * read in that region, by ARN: "This operation returns trail status from a single Region", and an
 * organisation or multi-region trail seen from another region (a shadow trail) must be named by its
 * full ARN; so one region that cannot be read never hides another's coverage. Undefined: nothing of
 * it was wanted.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
 */
export async function collectDetectiveCoverage(ctx: CollectContext, regions: readonly string[]): Promise<DetectiveCoverage[] | undefined> {
  const wantsTrails = ctx.wants("cloudtrail:DescribeTrails");
  const wantsGuardDuty = ctx.wants("guardduty:ListDetectors");
  const wantsInspector = ctx.wants("inspector2:BatchGetAccountStatus");
  if (!wantsTrails && !wantsGuardDuty && !wantsInspector) return undefined;
  return Promise.all(
    regions.map(async (region): Promise<DetectiveCoverage> => {
      const [trails, guardDutyDetectors, inspector] = await Promise.all([
        wantsTrails ? readTrails(ctx, region) : undefined,
        wantsGuardDuty ? readGuardDuty(ctx, region) : undefined,
        wantsInspector ? readInspector(ctx, region) : undefined,
      ]);
      return {
        region,
        ...(trails !== undefined ? { trails } : {}),
        ...(guardDutyDetectors !== undefined ? { guardDutyDetectors } : {}),
        ...(inspector !== undefined ? { inspector } : {}),
      };
    }),
  );
}

async function readTrails(ctx: CollectContext, region: string): Promise<Trail[] | undefined> {
  const outcome = await ctx.call(ctx.clients.cloudTrail(region), new DescribeTrailsCommand({ includeShadowTrails: true }), { service: "cloudtrail", region }, { notFound: "gap" });
  if (!outcome.ok) return undefined;
  const listed = (outcome.value.trailList ?? []).filter((trail): trail is AwsTrail & { TrailARN: string } => !!trail.TrailARN);
  return Promise.all(
    listed.map(async (trail): Promise<Trail> => {
      const details = await readTrailDetails(ctx, region, trail);
      return {
        arn: trail.TrailARN,
        name: trail.Name ?? trail.TrailARN,
        ...(trail.HomeRegion ? { homeRegion: trail.HomeRegion } : {}),
        isMultiRegionTrail: trail.IsMultiRegionTrail ?? false,
        isOrganizationTrail: trail.IsOrganizationTrail ?? false,
        ...(details.isLogging !== undefined ? { isLogging: details.isLogging } : {}),
        ...(details.eventSelectors ? { eventSelectors: details.eventSelectors } : {}),
      };
    }),
  );
}

/** GetTrailStatus and GetEventSelectors of one trail, in the region being read, by ARN; absent where a read failed (a gap on the trail). */
async function readTrailDetails(ctx: CollectContext, region: string, trail: AwsTrail & { TrailARN: string }): Promise<TrailDetails> {
  const client = ctx.clients.cloudTrail(region);
  const target = { service: "cloudtrail" as const, region, resourceArn: trail.TrailARN };
  const [status, selectors] = await Promise.all([
    ctx.wants("cloudtrail:GetTrailStatus") ? ctx.call(client, new GetTrailStatusCommand({ Name: trail.TrailARN }), target, { notFound: "gap" }) : undefined,
    ctx.wants("cloudtrail:GetEventSelectors") ? ctx.call(client, new GetEventSelectorsCommand({ TrailName: trail.TrailARN }), target, { notFound: "gap" }) : undefined,
  ]);
  return {
    ...(status?.ok ? { isLogging: status.value.IsLogging === true } : {}),
    ...(selectors?.ok ? { eventSelectors: { basic: (selectors.value.EventSelectors ?? []).map(basicSelector), advanced: (selectors.value.AdvancedEventSelectors ?? []).map(advancedSelector) } } : {}),
  };
}

function basicSelector(selector: EventSelector): TrailSelectors["basic"][number] {
  const type = selector.ReadWriteType;
  return {
    // "By default, the value is All."
    readWriteType: type === "ReadOnly" || type === "WriteOnly" ? type : "All",
    includeManagementEvents: selector.IncludeManagementEvents ?? true,
    dataResources: (selector.DataResources ?? []).filter((resource) => resource.Type).map((resource) => ({ type: resource.Type as string, values: [...(resource.Values ?? [])] })),
  };
}

function advancedSelector(selector: AdvancedEventSelector): TrailSelectors["advanced"][number] {
  const list = (values: string[] | undefined) => (values && values.length > 0 ? [...values] : undefined);
  return {
    ...(selector.Name ? { name: selector.Name } : {}),
    fieldSelectors: (selector.FieldSelectors ?? []).filter((field) => field.Field).map((field) => {
      const conditions = {
        equals: list(field.Equals),
        startsWith: list(field.StartsWith),
        endsWith: list(field.EndsWith),
        notEquals: list(field.NotEquals),
        notStartsWith: list(field.NotStartsWith),
        notEndsWith: list(field.NotEndsWith),
      };
      return { field: field.Field as string, ...Object.fromEntries(Object.entries(conditions).filter(([, values]) => values !== undefined)) };
    }),
  };
}

/**
 * GuardDuty: the region's detectors ([] when GuardDuty is off there) and each one's Lambda Protection
 * feature, LAMBDA_NETWORK_LOGS (https://docs.aws.amazon.com/guardduty/latest/ug/configure-lambda-protection-standalone-acc.html).
 * A detector whose GetDetector failed is left out, and the list with it (a gap says why).
 */
async function readGuardDuty(ctx: CollectContext, region: string): Promise<DetectiveCoverage["guardDutyDetectors"]> {
  const client = ctx.clients.guardDuty(region);
  const ids: string[] = [];
  const listing = await ctx.paginate(
    client,
    (token) => new ListDetectorsCommand({ MaxResults: DETECTOR_PAGE_SIZE, ...(token ? { NextToken: token } : {}) }),
    { service: "guardduty", region },
    { nextToken: (page) => page.NextToken, onPage: (page) => void ids.push(...(page.DetectorIds ?? [])), notFound: "gap" },
  );
  if (listing.status !== "complete") return undefined;
  const detectors = await Promise.all(
    ids.map(async (id) => {
      const outcome = await ctx.call(client, new GetDetectorCommand({ DetectorId: id }), { service: "guardduty", region, resourceArn: id }, { notFound: "gap" });
      if (!outcome.ok) return undefined;
      const feature = (outcome.value.Features ?? []).find((candidate) => candidate.Name === "LAMBDA_NETWORK_LOGS");
      return { id, status: outcome.value.Status ?? "DISABLED", lambdaProtection: feature?.Status ?? null };
    }),
  );
  return detectors.every((detector) => detector !== undefined) ? detectors : undefined;
}

/**
 * Inspector's status for the scanned account in the region: the service, and its Lambda standard
 * (dependencies) and code scanning. An account Inspector reports as failed is a gap with its error code.
 */
async function readInspector(ctx: CollectContext, region: string): Promise<DetectiveCoverage["inspector"]> {
  const outcome = await ctx.call(ctx.clients.inspector2(region), new BatchGetAccountStatusCommand({ accountIds: [ctx.accountId] }), { service: "inspector2", region }, { notFound: "gap" });
  if (!outcome.ok) return undefined;
  const account = (outcome.value.accounts ?? []).find((candidate) => candidate.accountId === ctx.accountId);
  if (!account) {
    const failed = (outcome.value.failedAccounts ?? []).find((candidate) => candidate.accountId === ctx.accountId);
    ctx.addGap({
      service: "inspector2",
      operation: "BatchGetAccountStatus",
      region,
      errorCode: failed?.errorCode ?? "UnexpectedResponse",
      message: failed ? "Inspector reported the scanned account among the failed accounts" : "BatchGetAccountStatus returned no status for the scanned account",
    });
    return undefined;
  }
  return {
    status: account.state?.status ?? null,
    lambda: account.resourceState?.lambda?.status ?? null,
    lambdaCode: account.resourceState?.lambdaCode?.status ?? null,
  };
}

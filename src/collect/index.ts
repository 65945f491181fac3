import { resolveAccount, resolveRegions, defaultHomeRegion, type AccountIdentity } from "../aws/account.js";
import { AwsClients, type AwsClientOptions, type CredentialsProvider, type StaticCredentials } from "../aws/clients.js";
import { AwsUnavailableError } from "../aws/errors.js";
import { RateScheduler, systemClock, type Clock, type RateSchedulerOptions } from "../aws/rate.js";
import { TOOL } from "../package-info.js";
import {
  SNAPSHOT_SCHEMA_VERSION,
  snapshotSchema,
  type CapacityProvider,
  type HttpApi,
  type LambdaFunction,
  type LogGroup,
  type RestApi,
  type SecurityGroup,
  type Snapshot,
  type Subnet,
} from "../snapshot/schema.js";
import { collectRestApis } from "./apigateway.js";
import { collectHttpApis } from "./apigatewayv2.js";
import { collectCapacityProviders } from "./capacity-providers.js";
import { CollectContext, type CollectProgressEvent, type CollectStats } from "./context.js";
import { CollectionStop, type StopReason } from "./stop.js";
import { collectOrganization } from "./organization.js";
import { collectDetectiveCoverage } from "./detective.js";
import { collectVpcResources } from "./ec2.js";
import { IamCollector } from "./iam.js";
import { collectLambda, type LambdaRegionResult } from "./lambda.js";
import { collectLogGroups } from "./logs.js";

export type { CollectProgressEvent, CollectStats } from "./context.js";
export { expandRequiredOperations, allCollectionOperations } from "./operations.js";

/** Default in-flight requests per region (and for IAM and API Gateway); the rate buckets do the pacing. */
export const DEFAULT_CONCURRENCY = 16;

export interface CollectOptions {
  /** Regions to scan, or `all` for the account's enabled regions (EC2 DescribeRegions). */
  regions: readonly string[] | "all";
  /** `--profile`. */
  profile?: string;
  /** `--role-arn`, `--external-id`, session name: scan as this role (STS AssumeRole). */
  roleArn?: string;
  externalId?: string;
  sessionName?: string;
  /** `--session-duration`: AssumeRole DurationSeconds. */
  sessionDurationSeconds?: number;
  /** Explicit credentials instead of the default chain (tests, embedding). */
  credentials?: StaticCredentials | CredentialsProvider;
  /** Region for global calls (STS, IAM, DescribeRegions); default: the first region, else AWS_REGION. */
  homeRegion?: string;
  /** `--concurrency`: in-flight requests per region; default DEFAULT_CONCURRENCY. */
  concurrency?: number;
  /** SDK attempts per request (adaptive retry mode); default 5. */
  maxAttempts?: number;
  /** Time allowed to open a connection, ms (default 5 s). */
  connectTimeoutMs?: number;
  /** Time allowed for one request and its answer, ms (default 30 s). */
  requestTimeoutMs?: number;
  /**
   * `--deadline`: after this many ms no new read starts and reads in flight are abandoned; every
   * read not made is a gap, and the snapshot holds what was read.
   */
  deadlineMs?: number;
  /** The caller's cancellation: like the deadline, when it aborts. */
  signal?: AbortSignal;
  /**
   * The `service:Operation` reads the selected checks need (their `requires`). Reads no selected check
   * needs are skipped; ListFunctions is always made. Undefined: everything.
   */
  requiredOperations?: ReadonlySet<string>;
  /** Progress for the CLI to render: regions, functions, calls, gaps. Counts and names only. */
  onProgress?: (event: CollectProgressEvent) => void;
  /** Time source for pacing, durations and `collectedAt` (tests inject one). */
  clock?: Clock;
  /** Overrides of the default rate quotas (DESIGN section 9). */
  quotas?: RateSchedulerOptions["quotas"];
  /** Tests only: replaces the SDK's HTTP handler. */
  requestHandler?: AwsClientOptions["requestHandler"];
}

export interface CollectResult {
  snapshot: Snapshot;
  stats: CollectStats;
  identity: AccountIdentity;
  /** Why the collection stopped before every read was made (the deadline, or the caller's signal). */
  stoppedEarly?: StopReason;
}

/** A region's lists; undefined where the region's read was not made or failed (see joinRegions). */
interface RegionResult {
  region: string;
  lambda: LambdaRegionResult;
  restApis: RestApi[] | undefined;
  httpApis: HttpApi[] | undefined;
  logGroups: LogGroup[] | undefined;
  securityGroups: SecurityGroup[] | undefined;
  subnets: Subnet[] | undefined;
  capacityProviders: CapacityProvider[] | undefined;
}

/**
 * Collects a snapshot of one account: identity (STS), regions, then every region in parallel
 * (Lambda, API Gateway REST and HTTP, CloudWatch Logs, EC2 for VPC functions) with IAM fed by the
 * execution roles as they are listed. Throws AwsUnavailableError when the account cannot be
 * identified or no region could be read at all; any other failure is a gap in the snapshot.
 */
export async function collectSnapshot(options: CollectOptions): Promise<CollectResult> {
  const clock = options.clock ?? { ...systemClock, now: () => Date.now() };
  const startedAt = clock.now();
  const homeRegion =
    options.homeRegion ?? (options.regions !== "all" && options.regions[0] ? options.regions[0] : defaultHomeRegion());
  let ctx: CollectContext | undefined;
  const clients = new AwsClients({
    homeRegion,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    ...(options.externalId ? { externalId: options.externalId } : {}),
    ...(options.sessionName ? { sessionName: options.sessionName } : {}),
    ...(options.sessionDurationSeconds ? { sessionDurationSeconds: options.sessionDurationSeconds } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
    onAttempt: (event) => ctx?.observeAttempt(event.service, event.operation, event.throttled),
  });
  const stop = new CollectionStop({ deadlineMs: options.deadlineMs, signal: options.signal });
  try {
    const identity = await resolveAccount(clients, stop.signal);
    const regions = await resolveRegions(clients, options.regions, stop.signal);
    const scheduler = new RateScheduler({ clock, ...(options.quotas ? { quotas: options.quotas } : {}) });
    ctx = new CollectContext({
      clients,
      scheduler,
      clock,
      accountId: identity.accountId,
      partition: identity.partition,
      regionsTotal: regions.length,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      ...(options.requiredOperations ? { requiredOperations: options.requiredOperations } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      stop,
      readBudgetMs: clients.readBudgetMs,
    });
    const context = ctx;
    context.progress("account", { accountId: identity.accountId });

    const iam = new IamCollector(context);
    const organization = collectOrganization(context);
    const detective = collectDetectiveCoverage(context, regions);
    const byRegion: Record<string, number> = {};
    const results = await Promise.all(
      regions.map(async (region) => {
        const regionStart = clock.now();
        context.progress("regionStarted", { region });
        const result = await collectRegion(context, region, iam);
        byRegion[region] = clock.now() - regionStart;
        context.counters.regionsDone += 1;
        context.progress("regionFinished", { region });
        return result;
      }),
    );
    assertSomeInventory(results);
    const { roles, managedPolicies } = await iam.finish();

    const functions: LambdaFunction[] = results.flatMap((result) => result.lambda.functions);
    const snapshot: Snapshot = {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      tool: { name: TOOL.name, version: TOOL.version },
      collectedAt: new Date(startedAt).toISOString(),
      partition: identity.partition,
      accountId: identity.accountId,
      regions,
      operationsAttempted: context.operationsAttempted(),
      ...organizationField(await organization),
      functions,
      roles,
      managedPolicies,
      ...regionLists({
        eventSourceMappings: joinRegions(results.map((result) => result.lambda.eventSourceMappings)),
        restApis: joinRegions(results.map((result) => result.restApis)),
        httpApis: joinRegions(results.map((result) => result.httpApis)),
        logGroups: joinRegions(results.map((result) => result.logGroups)),
        securityGroups: joinRegions(results.map((result) => result.securityGroups)),
        subnets: joinRegions(results.map((result) => result.subnets)),
        layerVersions: joinRegions(results.map((result) => result.lambda.layerVersions)),
        capacityProviders: joinRegions(results.map((result) => result.capacityProviders)),
        detectiveCoverage: await detective,
      }),
      gaps: sortGaps(context.gaps),
      ...(context.notes.length > 0 ? { notes: sortGaps(context.notes) } : {}),
    };
    const validated = validateSnapshot(snapshot);
    const stats = context.stats(clock.now() - startedAt, byRegion, {
      functions: functions.length,
      roles: roles.length,
      managedPolicies: managedPolicies.length,
    });
    return { snapshot: validated, stats, identity, ...(stop.stopped ? { stoppedEarly: stop.stopped } : {}) };
  } finally {
    stop.dispose();
    clients.destroy();
  }
}

/**
 * Without the function inventory of at least one requested region there is nothing to judge: a scan
 * that reports "0 functions" would tell a scheduled job the account is clean. Whatever the cause
 * (denied, 500s, garbage, unreachable, the deadline), that is exit 3 with the cause of each region.
 */
function assertSomeInventory(results: readonly RegionResult[]): void {
  if (results.length === 0 || results.some((result) => result.lambda.listing !== "failed")) return;
  const causes = results.map((result) => `${result.region}: ${result.lambda.listingError?.code ?? "error"}`);
  const first = results[0]?.lambda.listingError;
  throw new AwsUnavailableError(
    `could not list the functions in any requested region (${causes.join(", ")})${first?.message ? `: ${first.message}` : ""}`,
    first?.code ?? "NoInventory",
  );
}

async function collectRegion(ctx: CollectContext, region: string, iam: IamCollector): Promise<RegionResult> {
  // API Gateway does not depend on the functions: it runs alongside Lambda.
  const apis = Promise.all([collectRestApis(ctx, region), collectHttpApis(ctx, region)]);
  const lambda = await collectLambda(ctx, region, { onRole: (arn) => iam.addRole(arn) });
  const logGroups = collectLogGroups(ctx, region, lambda.functions);
  // The providers' operator roles are read with the execution roles; their subnets and security groups with the functions'.
  const capacityProviders = await collectCapacityProviders(ctx, region, lambda.functions, (arn) => iam.addRole(arn));
  const [vpc, [restApis, httpApis]] = await Promise.all([collectVpcResources(ctx, region, lambda.functions, capacityProviders), apis]);
  return {
    region,
    lambda,
    restApis,
    httpApis,
    logGroups: await logGroups,
    securityGroups: vpc.securityGroups,
    subnets: vpc.subnets,
    capacityProviders,
  };
}

/**
 * One snapshot list from the regions' lists: absent when no region read it (not attempted anywhere,
 * or failed in every region that tried), otherwise what the regions that read it found. A region
 * whose read failed is not silently "none": its region-wide gap stays in the snapshot.
 */
function joinRegions<T>(lists: readonly (T[] | undefined)[]): T[] | undefined {
  const read = lists.filter((list): list is T[] => list !== undefined);
  return read.length === 0 ? undefined : read.flat();
}

type RegionLists = Pick<
  Snapshot,
  "eventSourceMappings" | "restApis" | "httpApis" | "logGroups" | "securityGroups" | "subnets" | "layerVersions" | "capacityProviders" | "detectiveCoverage"
>;

/** The lists that were read; an unread list is left out of the snapshot rather than set to undefined. */
function regionLists(lists: RegionLists): RegionLists {
  return Object.fromEntries(Object.entries(lists).filter(([, list]) => list !== undefined)) as RegionLists;
}

function organizationField(organization: Snapshot["organization"]): Pick<Snapshot, "organization"> {
  return organization === undefined ? {} : { organization };
}

/** Gaps (and notes) in a stable order: region, service, operation, resource. */
function sortGaps<T extends { service: string; operation: string; region: string; resourceArn?: string }>(gaps: T[]): T[] {
  const key = (gap: T) => `${gap.region}\u0000${gap.service}\u0000${gap.operation}\u0000${gap.resourceArn ?? ""}`;
  return [...gaps].sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * The collectors build snapshot data field by field and leave out what AWS answered outside the
 * schema, so this should never fail; if it does, the error names the paths, never the values.
 */
function validateSnapshot(snapshot: Snapshot): Snapshot {
  const parsed = snapshotSchema.safeParse(snapshot);
  if (parsed.success) return parsed.data;
  const paths = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
    .join("; ");
  throw new Error(`collected snapshot does not match the schema: ${paths}`);
}

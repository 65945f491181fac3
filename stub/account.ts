import type {
  CapacityProvider,
  DetectiveCoverage,
  EventSourceMapping,
  HttpApi,
  LambdaFunction,
  LayerVersion,
  LogGroup,
  ManagedPolicy,
  RestApi,
  Role,
  SecurityGroup,
  Snapshot,
  Subnet,
} from "../src/snapshot/schema.js";

/**
 * The account the stub serves, described as data in the shape of a snapshot (DESIGN section 3), plus
 * what a snapshot never holds: the environment variable values, so that the scanner's secret
 * classifier runs on real values. A field that is absent or null in the description means "none" to
 * the stub (a function without a URL answers 404, as AWS does).
 */
export interface StubAccount {
  accountId: string;
  partition: string;
  /** The account's enabled regions (ec2:DescribeRegions). Calls signed for other regions are refused. */
  regions: string[];
  functions: LambdaFunction[];
  /** Environment variable values by function ARN. Missing: placeholder values of the recorded lengths. */
  environmentValues?: Record<string, Record<string, string>>;
  /** Stage variable values by `apiId/stageName`. Missing: placeholders of the recorded lengths. */
  stageVariableValues?: Record<string, Record<string, string>>;
  /** IAM MaxSessionDuration in seconds by role name (STS AssumeRole's upper bound). Missing: 3600, AWS's default. */
  roleMaxSessionDuration?: Record<string, number>;
  roles: Role[];
  managedPolicies: ManagedPolicy[];
  eventSourceMappings: EventSourceMapping[];
  restApis: RestApi[];
  httpApis: HttpApi[];
  logGroups: LogGroup[];
  securityGroups: SecurityGroup[];
  subnets: Subnet[];
  layerVersions: LayerVersion[];
  /** The account's organisation (DescribeOrganization); absent or null: in no organisation. */
  organization?: StubOrganization | null;
  /** Capacity providers (Lambda Managed Instances); absent: none. */
  capacityProviders?: CapacityProvider[];
  /**
   * CloudTrail trails, GuardDuty detectors and Inspector status per region; a region without an entry
   * (or a part left out) has none: no trail, no detector, Inspector not enabled.
   */
  detectiveCoverage?: DetectiveCoverage[];
}

/** An account as AWS Organizations lists it. */
export interface StubOrganizationAccount {
  id: string;
  name: string;
  /** `State` (the `Status` field AWS retires on 2026-09-09 is not served). */
  state: "PENDING_ACTIVATION" | "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE" | "CLOSED";
  /** The root (`r-...`) or OU (`ou-...`) the account sits in. */
  parentId: string;
}

/** The organisation as its management account sees it. Absent lists: the account alone under the root. */
export interface StubOrganization {
  id: string;
  managementAccountId: string;
  rootId?: string;
  accounts?: StubOrganizationAccount[];
  organizationalUnits?: { id: string; name: string; parentId: string }[];
}

/** The account a snapshot describes, with optional real environment values. */
export function accountFromSnapshot(
  snapshot: Snapshot,
  extra: Pick<StubAccount, "environmentValues" | "stageVariableValues"> = {},
): StubAccount {
  return {
    accountId: snapshot.accountId,
    partition: snapshot.partition,
    regions: [...snapshot.regions],
    functions: snapshot.functions,
    roles: snapshot.roles,
    managedPolicies: snapshot.managedPolicies,
    eventSourceMappings: snapshot.eventSourceMappings ?? [],
    restApis: snapshot.restApis ?? [],
    httpApis: snapshot.httpApis ?? [],
    logGroups: snapshot.logGroups ?? [],
    securityGroups: snapshot.securityGroups ?? [],
    subnets: snapshot.subnets ?? [],
    layerVersions: snapshot.layerVersions ?? [],
    ...(snapshot.capacityProviders ? { capacityProviders: snapshot.capacityProviders } : {}),
    ...(snapshot.detectiveCoverage ? { detectiveCoverage: snapshot.detectiveCoverage } : {}),
    ...(snapshot.organization ? { organization: { id: snapshot.organization.id, managementAccountId: snapshot.organization.managementAccountId ?? snapshot.accountId } } : {}),
    ...extra,
  };
}

export interface CodeSigningConfigRecord {
  arn: string;
  id: string;
  region: string;
  untrustedArtifactOnDeployment: "Enforce" | "Warn";
  allowedPublisherArns: string[];
  functionArns: string[];
}

/** Lookups the handlers need, built once per account. */
export interface AccountIndex {
  account: StubAccount;
  functionsByRegion: Map<string, LambdaFunction[]>;
  /** Key: `region/name`. */
  functionByRegionAndName: Map<string, LambdaFunction>;
  rolesByName: Map<string, Role>;
  managedPolicies: Map<string, ManagedPolicy>;
  codeSigningConfigsByRegion: Map<string, CodeSigningConfigRecord[]>;
  codeSigningConfigsByArn: Map<string, CodeSigningConfigRecord>;
  eventSourceMappingsByRegion: Map<string, EventSourceMapping[]>;
  restApisByRegion: Map<string, RestApi[]>;
  httpApisByRegion: Map<string, HttpApi[]>;
  logGroupsByRegion: Map<string, LogGroup[]>;
  securityGroupsByRegion: Map<string, SecurityGroup[]>;
  subnetsByRegion: Map<string, Subnet[]>;
  /** Key: layer version ARN. */
  layerVersions: Map<string, LayerVersion>;
  capacityProvidersByRegion: Map<string, CapacityProvider[]>;
  detectiveCoverageByRegion: Map<string, DetectiveCoverage>;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const byString = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export function indexAccount(account: StubAccount): AccountIndex {
  const functions = [...account.functions].sort(byString((fn) => fn.name));
  const codeSigningConfigsByArn = new Map<string, CodeSigningConfigRecord>();
  for (const fn of functions) {
    const csc = fn.codeSigningConfig;
    if (!csc) continue;
    const record = codeSigningConfigsByArn.get(csc.arn) ?? {
      arn: csc.arn,
      id: csc.arn.split(":").pop() ?? csc.arn,
      region: fn.region,
      untrustedArtifactOnDeployment: csc.untrustedArtifactOnDeployment ?? "Warn",
      allowedPublisherArns: csc.allowedPublisherArns ?? [],
      functionArns: [],
    };
    record.functionArns.push(fn.arn);
    codeSigningConfigsByArn.set(csc.arn, record);
  }
  return {
    account,
    functionsByRegion: groupBy(functions, (fn) => fn.region),
    functionByRegionAndName: new Map(functions.map((fn) => [`${fn.region}/${fn.name}`, fn])),
    rolesByName: new Map(account.roles.map((role) => [role.name, role])),
    managedPolicies: new Map(account.managedPolicies.map((policy) => [policy.arn, policy])),
    codeSigningConfigsByRegion: groupBy([...codeSigningConfigsByArn.values()], (csc) => csc.region),
    codeSigningConfigsByArn,
    eventSourceMappingsByRegion: groupBy(account.eventSourceMappings, (esm) => esm.region),
    restApisByRegion: groupBy(account.restApis, (api) => api.region),
    httpApisByRegion: groupBy(account.httpApis, (api) => api.region),
    logGroupsByRegion: groupBy(
      [...account.logGroups].sort(byString((group) => group.name)),
      (group) => group.region,
    ),
    securityGroupsByRegion: groupBy(account.securityGroups, (group) => group.region),
    subnetsByRegion: groupBy(account.subnets, (subnet) => subnet.region),
    layerVersions: new Map(account.layerVersions.map((layer) => [layer.arn, layer])),
    capacityProvidersByRegion: groupBy([...(account.capacityProviders ?? [])].sort(byString((provider) => provider.arn)), (provider) => provider.region),
    detectiveCoverageByRegion: new Map((account.detectiveCoverage ?? []).map((entry) => [entry.region, entry])),
  };
}

/** The environment variables a function is served with (values), or null when it has none. */
export function environmentOf(index: AccountIndex, fn: LambdaFunction): Record<string, string> | null {
  const values = index.account.environmentValues?.[fn.arn];
  if (values) return Object.keys(values).length > 0 ? values : null;
  if (!fn.environment || fn.environment.length === 0) return null;
  return Object.fromEntries(fn.environment.map((entry) => [entry.key, "x".repeat(entry.valueLength)]));
}

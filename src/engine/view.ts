import type {
  EventSourceMapping,
  Gap,
  HttpApi,
  HttpStage,
  LambdaFunction,
  LayerVersion,
  LogGroup,
  ManagedPolicy,
  RestApi,
  RestStage,
  Role,
  SecurityGroup,
  Snapshot,
  Subnet,
} from "../snapshot/schema.js";
import { parseLayerVersionArn, unqualifiedFunctionArn } from "../arn.js";
import { defaultCheckSettings, type CheckSettings } from "./settings.js";

export const RESOURCE_TYPES = ["function", "role", "apiStage", "layerVersion"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface RoleResource {
  arn: string;
  name: string;
  region: "global";
  role: Role;
}

export type ApiStageResource =
  | { kind: "rest"; arn: string; name: string; region: string; api: RestApi; stage: RestStage }
  | { kind: "http"; arn: string; name: string; region: string; api: HttpApi; stage: HttpStage };

export interface LayerVersionResource extends LayerVersion {
  name: string;
}

export type ResourceOf<T extends ResourceType> = T extends "function"
  ? LambdaFunction
  : T extends "role"
    ? RoleResource
    : T extends "apiStage"
      ? ApiStageResource
      : T extends "layerVersion"
        ? LayerVersionResource
        : never;

/** How a finding names the resource it is about. */
export interface ResourceRef {
  arn: string;
  name: string;
  region: string;
  type: ResourceType;
}

/** The execution role of a function with its policies resolved. */
export interface RolePolicies {
  role: Role;
  /** Attached managed policies that are in the snapshot (with or without a document). */
  managedPolicies: ManagedPolicy[];
  /** Attached policy ARNs the snapshot has no record of (not collected: treat as unknown). */
  missingManagedPolicyArns: string[];
  /** undefined: not read; null: no boundary. */
  permissionsBoundary: ManagedPolicy | null | undefined;
}

export interface RestMethodTrigger {
  kind: "rest";
  api: RestApi;
  resourcePath: string;
  httpMethod: string;
  authorizationType: string;
  apiKeyRequired: boolean;
  authorizerId: string | null;
}

export interface HttpRouteTrigger {
  kind: "http";
  api: HttpApi;
  routeKey: string;
  authorizationType: string;
  apiKeyRequired: boolean;
  authorizerId: string | null;
}

export type ApiRouteTrigger = RestMethodTrigger | HttpRouteTrigger;

/** The log group Lambda writes to: the one in the logging configuration, else /aws/lambda/<name>. */
export function logGroupNameOf(fn: LambdaFunction): string {
  return fn.loggingConfig?.logGroup ?? `/aws/lambda/${fn.name}`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * The listing that enumerates resources of a type. A gap on it means some resources may be missing
 * from the snapshot (reported as a gap), not that the resources it did return are incomplete.
 */
const ENUMERATING_OPERATIONS: Readonly<Record<ResourceType, readonly string[]>> = {
  function: ["lambda:ListFunctions"],
  role: [],
  apiStage: ["apigateway:GetRestApis", "apigatewayv2:GetApis"],
  layerVersion: [],
};

const regionKey = (region: string, id: string) => `${region}\u0000${id}`;

/**
 * The frozen snapshot plus the joins checks need, built once per evaluation so that no check joins
 * arrays or parses ARNs itself. "Now" is the snapshot's collection time, so re-checking an old
 * snapshot gives the same answers.
 */
export class SnapshotView {
  readonly snapshot: Snapshot;
  readonly settings: CheckSettings;
  readonly now: Date;
  private readonly functionsByArn: Map<string, LambdaFunction>;
  private readonly rolesByArn: Map<string, Role>;
  private readonly policiesByArn: Map<string, ManagedPolicy>;
  private readonly functionsByRole: Map<string, LambdaFunction[]>;
  private readonly mappingsByFunction: Map<string, EventSourceMapping[]>;
  private readonly routesByFunction = new Map<string, ApiRouteTrigger[]>();
  private readonly stagesByFunction = new Map<string, ApiStageResource[]>();
  private readonly functionsByStage = new Map<string, string[]>();
  private readonly logGroups: Map<string, LogGroup>;
  private readonly securityGroups: Map<string, SecurityGroup>;
  private readonly subnets: Map<string, Subnet>;
  private readonly layerVersions: Map<string, LayerVersion>;
  private readonly functionsByLayerVersion = new Map<string, string[]>();
  private readonly gapsByResource: Map<string, Gap[]>;
  private readonly regionWideGaps: Map<string, Gap[]>;
  private readonly apiGapsByRegion: Map<string, Gap[]>;
  private readonly attempted: Set<string> | undefined;
  private readonly stageResources: ApiStageResource[] = [];
  private readonly candidateGapCache = new Map<string, readonly Gap[]>();

  constructor(snapshot: Snapshot, settings: CheckSettings = defaultCheckSettings) {
    // Frozen in place rather than copied: a copy of a 10,000-function snapshot costs more than every
    // check together. The caller's snapshot is therefore read-only from here on.
    this.snapshot = deepFreeze(snapshot);
    this.settings = deepFreeze(structuredClone(settings));
    this.now = new Date(snapshot.collectedAt);
    const s = this.snapshot;
    this.functionsByArn = new Map(s.functions.map((fn) => [fn.arn, fn]));
    this.rolesByArn = new Map(s.roles.map((role) => [role.arn, role]));
    this.policiesByArn = new Map(s.managedPolicies.map((policy) => [policy.arn, policy]));
    this.functionsByRole = groupBy(
      s.functions.filter((fn) => fn.role !== undefined),
      (fn) => fn.role as string,
    );
    this.mappingsByFunction = groupBy(s.eventSourceMappings, (m) => unqualifiedFunctionArn(m.functionArn));
    this.logGroups = new Map(s.logGroups.map((group) => [regionKey(group.region, group.name), group]));
    this.securityGroups = new Map(s.securityGroups.map((group) => [regionKey(group.region, group.id), group]));
    this.subnets = new Map(s.subnets.map((subnet) => [regionKey(subnet.region, subnet.id), subnet]));
    this.layerVersions = new Map(s.layerVersions.map((layer) => [layer.arn, layer]));
    for (const fn of s.functions) {
      for (const layer of fn.layers ?? []) this.pushTo(this.functionsByLayerVersion, layer.arn, fn.arn);
    }
    this.gapsByResource = groupBy(
      s.gaps.filter((gap) => gap.resourceArn !== undefined),
      (gap) => gap.resourceArn as string,
    );
    this.regionWideGaps = groupBy(
      s.gaps.filter((gap) => gap.resourceArn === undefined),
      (gap) => gap.region,
    );
    this.apiGapsByRegion = groupBy(
      s.gaps.filter((gap) => gap.resourceArn !== undefined && gap.service.startsWith("apigateway")),
      (gap) => gap.region,
    );
    this.attempted = s.operationsAttempted ? new Set(s.operationsAttempted) : undefined;
    this.indexRestApis();
    this.indexHttpApis();
  }

  private pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
    const list = map.get(key);
    if (list) {
      if (!list.includes(value)) list.push(value);
    } else map.set(key, [value]);
  }

  private linkStages(functionArn: string, stages: ApiStageResource[]): void {
    for (const stage of stages) {
      this.pushTo(this.stagesByFunction, functionArn, stage);
      this.pushTo(this.functionsByStage, stage.arn, functionArn);
    }
  }

  private indexRestApis(): void {
    for (const api of this.snapshot.restApis) {
      const stages: ApiStageResource[] = (api.stages ?? []).map((stage) => ({
        kind: "rest",
        arn: stage.arn ?? `${api.arn}/stages/${stage.name}`,
        name: `${api.name}/${stage.name}`,
        region: api.region,
        api,
        stage,
      }));
      this.stageResources.push(...stages);
      for (const resource of api.resources ?? []) {
        for (const method of resource.methods) {
          const target = method.integration?.functionArn;
          if (!target) continue;
          const functionArn = unqualifiedFunctionArn(target);
          this.pushTo(this.routesByFunction, functionArn, {
            kind: "rest",
            api,
            resourcePath: resource.path,
            httpMethod: method.httpMethod,
            authorizationType: method.authorizationType,
            apiKeyRequired: method.apiKeyRequired,
            authorizerId: method.authorizerId ?? null,
          });
          this.linkStages(functionArn, stages);
        }
      }
    }
  }

  private indexHttpApis(): void {
    for (const api of this.snapshot.httpApis) {
      const stages: ApiStageResource[] = (api.stages ?? []).map((stage) => ({
        kind: "http",
        arn: stage.arn ?? `${api.arn}/stages/${stage.name}`,
        name: `${api.name}/${stage.name}`,
        region: api.region,
        api,
        stage,
      }));
      this.stageResources.push(...stages);
      const integrations = new Map((api.integrations ?? []).map((integration) => [integration.id, integration]));
      for (const route of api.routes ?? []) {
        const integrationId = route.target?.startsWith("integrations/") ? route.target.slice(13) : undefined;
        const target = integrationId ? integrations.get(integrationId)?.functionArn : undefined;
        if (!target) continue;
        const functionArn = unqualifiedFunctionArn(target);
        this.pushTo(this.routesByFunction, functionArn, {
          kind: "http",
          api,
          routeKey: route.routeKey,
          authorizationType: route.authorizationType,
          apiKeyRequired: route.apiKeyRequired ?? false,
          authorizerId: route.authorizerId ?? null,
        });
        this.linkStages(functionArn, stages);
      }
    }
  }

  get accountId(): string {
    return this.snapshot.accountId;
  }

  get functions(): readonly LambdaFunction[] {
    return this.snapshot.functions;
  }

  functionByArn(arn: string): LambdaFunction | undefined {
    return this.functionsByArn.get(unqualifiedFunctionArn(arn));
  }

  role(arn: string): Role | undefined {
    return this.rolesByArn.get(arn);
  }

  managedPolicy(arn: string): ManagedPolicy | undefined {
    return this.policiesByArn.get(arn);
  }

  /** undefined when the function's role is unknown or was not read. */
  roleOf(fn: LambdaFunction): RolePolicies | undefined {
    if (fn.role === undefined) return undefined;
    const role = this.rolesByArn.get(fn.role);
    return role ? this.policiesOfRole(role) : undefined;
  }

  policiesOfRole(role: Role): RolePolicies {
    const managedPolicies: ManagedPolicy[] = [];
    const missingManagedPolicyArns: string[] = [];
    for (const policyArn of role.attachedPolicyArns ?? []) {
      const policy = this.policiesByArn.get(policyArn);
      if (policy) managedPolicies.push(policy);
      else missingManagedPolicyArns.push(policyArn);
    }
    const boundaryArn = role.permissionsBoundaryArn;
    const permissionsBoundary =
      boundaryArn === undefined ? undefined : boundaryArn === null ? null : this.policiesByArn.get(boundaryArn);
    return { role, managedPolicies, missingManagedPolicyArns, permissionsBoundary };
  }

  functionsWithRole(roleArn: string): readonly LambdaFunction[] {
    return this.functionsByRole.get(roleArn) ?? [];
  }

  eventSourceMappingsOf(fn: LambdaFunction): readonly EventSourceMapping[] {
    return this.mappingsByFunction.get(fn.arn) ?? [];
  }

  /** REST methods and HTTP API routes whose integration invokes this function (any alias or version). */
  apiRoutesOf(fn: LambdaFunction): readonly ApiRouteTrigger[] {
    return this.routesByFunction.get(fn.arn) ?? [];
  }

  apiStagesOf(fn: LambdaFunction): readonly ApiStageResource[] {
    return this.stagesByFunction.get(fn.arn) ?? [];
  }

  /** The log group the function writes to, null when the snapshot has no such group. */
  logGroupOf(fn: LambdaFunction): { name: string; logGroup: LogGroup | null } {
    const name = logGroupNameOf(fn);
    return { name, logGroup: this.logGroups.get(regionKey(fn.region, name)) ?? null };
  }

  securityGroup(region: string, id: string): SecurityGroup | undefined {
    return this.securityGroups.get(regionKey(region, id));
  }

  subnet(region: string, id: string): Subnet | undefined {
    return this.subnets.get(regionKey(region, id));
  }

  layerVersion(arn: string): LayerVersion | undefined {
    return this.layerVersions.get(arn);
  }

  /** Every resource of a type, as checks of that type evaluate them. */
  resourcesOf<T extends ResourceType>(type: T): ResourceOf<T>[] {
    switch (type) {
      case "function":
        return [...this.snapshot.functions] as ResourceOf<T>[];
      case "role":
        return this.snapshot.roles.map(
          (role): RoleResource => ({ arn: role.arn, name: role.name, region: "global", role }),
        ) as ResourceOf<T>[];
      case "apiStage":
        return [...this.stageResources] as ResourceOf<T>[];
      case "layerVersion":
        return this.snapshot.layerVersions.map(
          (layer): LayerVersionResource => ({ ...layer, name: parseLayerVersionArn(layer.arn)?.nameAndVersion ?? layer.arn }),
        ) as ResourceOf<T>[];
      default:
        throw new Error(`unknown resource type ${String(type)}`);
    }
  }

  /** The functions whose score a finding on this resource counts toward. */
  linkedFunctionArns(type: ResourceType, arn: string): readonly string[] {
    switch (type) {
      case "function":
        return [arn];
      case "role":
        return this.functionsWithRole(arn).map((fn) => fn.arn);
      case "apiStage":
        return this.functionsByStage.get(arn) ?? [];
      case "layerVersion":
        return this.functionsByLayerVersion.get(arn) ?? [];
      default:
        return [];
    }
  }

  /** Resource ARNs whose gaps can change a check's answer about this function. */
  private relatedArns(fn: LambdaFunction): string[] {
    const related = [fn.arn];
    if (fn.role) {
      related.push(fn.role);
      const role = this.rolesByArn.get(fn.role);
      for (const policyArn of role?.attachedPolicyArns ?? []) related.push(policyArn);
      if (role?.permissionsBoundaryArn) related.push(role.permissionsBoundaryArn);
    }
    for (const layer of fn.layers ?? []) related.push(layer.arn);
    for (const id of fn.vpc?.securityGroupIds ?? []) related.push(id);
    for (const id of fn.vpc?.subnetIds ?? []) related.push(id);
    const groupName = logGroupNameOf(fn);
    related.push(groupName, `arn:${this.snapshot.partition}:logs:${fn.region}:${this.snapshot.accountId}:log-group:${groupName}`);
    for (const stage of this.apiStagesOf(fn)) related.push(stage.arn, stage.api.arn);
    return related;
  }

  /**
   * Recorded gaps on any of `operations` that may hide data about `resource`: gaps on the resource
   * or a resource it depends on, region-wide gaps in its region (or global ones), and gaps on any
   * API Gateway API in its region, because an API we could not read may route to this function.
   */
  gapsAffecting(type: ResourceType, resource: { arn: string; region: string }, operations: readonly string[]): Gap[] {
    if (operations.length === 0 || this.snapshot.gaps.length === 0) return [];
    const candidates = this.candidateGaps(type, resource);
    if (candidates.length === 0) return [];
    const enumerating = ENUMERATING_OPERATIONS[type];
    const wanted = new Set(operations.filter((operation) => !enumerating.includes(operation)));
    return candidates.filter((gap) => wanted.has(`${gap.service}:${gap.operation}`));
  }

  /** Every gap that may hide data about a resource, whatever the operation; computed once per resource. */
  private candidateGaps(type: ResourceType, resource: { arn: string; region: string }): readonly Gap[] {
    const key = `${type}\u0000${resource.arn}`;
    const cached = this.candidateGapCache.get(key);
    if (cached) return cached;
    const found = new Set<Gap>();
    const add = (gaps: readonly Gap[] | undefined) => {
      for (const gap of gaps ?? []) found.add(gap);
    };
    add(this.regionWideGaps.get(resource.region));
    add(this.regionWideGaps.get("global"));
    const fn = type === "function" ? this.functionsByArn.get(resource.arn) : undefined;
    const related = fn ? this.relatedArns(fn) : [resource.arn];
    for (const arn of related) add(this.gapsByResource.get(arn));
    if (type === "function") add(this.apiGapsByRegion.get(resource.region));
    const candidates = [...found];
    this.candidateGapCache.set(key, candidates);
    return candidates;
  }


  /** Operations a check needs that this snapshot's collection did not attempt. */
  operationsNotAttempted(operations: readonly string[]): string[] {
    const attempted = this.attempted;
    return attempted ? operations.filter((operation) => !attempted.has(operation)) : [];
  }
}

import { parseLayerVersionArn, serviceOfArn, unqualifiedFunctionArn } from "../../arn.js";
import type { RuntimeLifecycle } from "../../data/runtimes.js";
import type { ActionCatalogue } from "../../policy/index.js";
import type {
  EventSourceMapping,
  Gap,
  LambdaFunction,
  LayerVersion,
  LogGroup,
  ManagedPolicy,
  Role,
  SecurityGroup,
  Snapshot,
  Subnet,
} from "../../snapshot/schema.js";
import { notApplicable, unknown, type CheckOutcome } from "../check.js";
import { logGroupNameOf } from "../../snapshot/lambda-defaults.js";
import type { EngineSettings } from "../settings.js";
import { Analyses } from "./analyses.js";
import { ApiIndex, pushUnique } from "./api-index.js";
import { GapIndex } from "./gap-index.js";
import { SurfaceIndex } from "./surface.js";
import type {
  ApiRouteTrigger,
  ApiStageResource,
  InvokeTarget,
  LayerVersionResource,
  ResourceOf,
  ResourceType,
  RoleResource,
} from "./resources.js";

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

/** What a view needs besides the snapshot. */
export interface ViewOptions {
  settings: EngineSettings;
  /** The IAM action catalogue role analyses expand actions against (`loadActionCatalogue()`). */
  catalogue: ActionCatalogue;
}

export const STAGE_SCOPE_REASONS = {
  routesNotRead: "The API's routes were not read, so it is unknown whether this stage invokes functions.",
  noFunctionTargets: "The API does not route to any Lambda function in this snapshot.",
} as const;

/** Freezes a value and everything in it, with an explicit stack: input depth never overflows the call stack. */
function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== "object" || Object.isFrozen(item)) continue;
    Object.freeze(item);
    for (const child of Object.values(item as Record<string, unknown>)) stack.push(child);
  }
  return value;
}

const regionKey = (region: string, id: string) => `${region}\u0000${id}`;

/**
 * The frozen snapshot of one evaluation plus every join and analysis checks need, so that no check
 * joins arrays, parses ARNs or interprets a policy itself. Caches live and die with the view. "Now"
 * is the snapshot's collection time, so re-checking an old snapshot gives the same answers.
 */
export class SnapshotView {
  readonly snapshot: Snapshot;
  readonly settings: EngineSettings;
  readonly now: Date;
  private readonly functionsByArn: Map<string, LambdaFunction>;
  private readonly rolesByArn: Map<string, Role>;
  private readonly policiesByArn: Map<string, ManagedPolicy>;
  private readonly functionsByRole = new Map<string, LambdaFunction[]>();
  private readonly mappingsByFunction = new Map<string, EventSourceMapping[]>();
  private readonly logGroups: Map<string, LogGroup>;
  private readonly securityGroups: Map<string, SecurityGroup>;
  private readonly subnets: Map<string, Subnet>;
  private readonly functionsByLayerVersion = new Map<string, string[]>();
  private readonly apis: ApiIndex;
  private readonly gaps: GapIndex;
  private readonly analyses: Analyses;
  private readonly invokeTargets = new Map<LambdaFunction, InvokeTarget[]>();
  /** Capacity providers, the operator policy reference and detective coverage (surface.ts). */
  readonly surface: SurfaceIndex;

  constructor(snapshot: Snapshot, options: ViewOptions) {
    // Frozen in place rather than copied: a copy of a 10,000-function snapshot costs more than every
    // check together. The caller's snapshot is therefore read-only from here on.
    this.snapshot = deepFreeze(snapshot);
    this.settings = deepFreeze(structuredClone(options.settings));
    this.now = new Date(snapshot.collectedAt);
    const s = this.snapshot;
    this.functionsByArn = new Map(s.functions.map((fn) => [fn.arn, fn]));
    this.rolesByArn = new Map(s.roles.map((role) => [role.arn, role]));
    this.policiesByArn = new Map(s.managedPolicies.map((policy) => [policy.arn, policy]));
    for (const fn of s.functions) {
      if (fn.role !== undefined) pushUnique(this.functionsByRole, fn.role, fn);
      for (const layer of fn.layers ?? []) pushUnique(this.functionsByLayerVersion, layer.arn, fn.arn);
    }
    for (const mapping of s.eventSourceMappings ?? []) pushUnique(this.mappingsByFunction, unqualifiedFunctionArn(mapping.functionArn), mapping);
    this.logGroups = new Map((s.logGroups ?? []).map((group) => [regionKey(group.region, group.name), group]));
    this.securityGroups = new Map((s.securityGroups ?? []).map((group) => [regionKey(group.region, group.id), group]));
    this.subnets = new Map((s.subnets ?? []).map((subnet) => [regionKey(subnet.region, subnet.id), subnet]));
    this.apis = new ApiIndex(s.restApis ?? [], s.httpApis ?? []);
    this.gaps = new GapIndex(s.gaps, s.operationsAttempted);
    this.surface = new SurfaceIndex(s, options.catalogue);
    this.analyses = new Analyses({
      accountId: s.accountId,
      trustedAccountIds: this.settings.trustedAccountIds,
      // null: in no organisation; undefined: not read (org-scoped grants are then unknown).
      organizationId: s.organization === undefined ? undefined : (s.organization?.id ?? null),
      collectedAt: s.collectedAt,
      functions: s.functions,
      role: (arn) => this.rolesByArn.get(arn),
      functionByArn: (arn) => this.functionByArn(arn),
      functionInventoryComplete: (region) => this.functionInventoryComplete(region),
      policy: (arn) => this.policiesByArn.get(arn),
      runtimeOverrides: this.settings.runtimeOverrides,
      catalogue: options.catalogue,
      policiesOfRole: (role) => this.policiesOfRole(role),
    });
  }

  /**
   * The snapshot lists every function of a region when the region was scanned, ListFunctions was
   * attempted and no gap was recorded on it there.
   */
  private functionInventoryComplete(region: string): boolean {
    if (!this.snapshot.regions.includes(region)) return false;
    if (this.gaps.notAttempted(["lambda:ListFunctions"]).length > 0) return false;
    return !this.snapshot.gaps.some((gap) => gap.service === "lambda" && gap.operation === "ListFunctions" && (gap.region === region || gap.region === "global"));
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
    return this.apis.routesByFunction.get(fn.arn) ?? [];
  }

  apiStagesOf(fn: LambdaFunction): readonly ApiStageResource[] {
    return this.apis.stagesByFunction.get(fn.arn) ?? [];
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

  /**
   * Who can invoke the function, an alias or a version, from its own resource policy (and its URL's
   * auth type); see Analyses.functionPolicy.
   */
  functionPolicy(target: LambdaFunction | InvokeTarget) {
    return this.analyses.functionPolicy(target);
  }

  /**
   * The function and each alias and version of it that has a policy and URL of its own. Versions are
   * those the aliases point to; their policies were read with them. Built once per function.
   */
  invokeTargetsOf(fn: LambdaFunction): readonly InvokeTarget[] {
    let targets = this.invokeTargets.get(fn);
    if (!targets) {
      targets = [
        { kind: "function", arn: fn.arn, name: fn.name, region: fn.region, function: fn, qualifier: null, resourcePolicy: fn.resourcePolicy, url: fn.url },
        ...(fn.aliases ?? []).map(
          (alias): InvokeTarget => ({ kind: "alias", arn: alias.arn, name: `${fn.name}:${alias.name}`, region: fn.region, function: fn, qualifier: alias.name, resourcePolicy: alias.resourcePolicy, url: alias.url }),
        ),
        ...(fn.versions ?? []).map(
          // A version cannot have a function URL: only the unqualified function and aliases can.
          (version): InvokeTarget => ({ kind: "version", arn: version.arn, name: `${fn.name}:${version.version}`, region: fn.region, function: fn, qualifier: version.version, resourcePolicy: version.resourcePolicy, url: null }),
        ),
      ];
      this.invokeTargets.set(fn, targets);
    }
    return targets;
  }

  /** Who may use a layer version, from its policy. */
  layerPolicy(layer: LayerVersion) {
    return this.analyses.layerPolicy(layer);
  }

  /** Who can assume a role, from its trust policy. */
  trustPolicy(role: Role) {
    return this.analyses.trustPolicy(role);
  }

  /** What a role can do, from its identity policies and boundary. */
  rolePermissions(role: Role) {
    return this.analyses.rolePermissionsOf(role);
  }

  /** The deprecation and block dates of a runtime, undefined when the runtime is not in the table. */
  runtimeLifecycle(runtime: string): RuntimeLifecycle | undefined {
    return this.analyses.runtimeLifecycle(runtime);
  }

  /**
   * Stream and Kafka sources (Kinesis, DynamoDB Streams, Amazon MSK, self-managed Kafka) are read in
   * order per shard or partition: they support an on-failure destination on the mapping and, by
   * default, retry a failing batch until the records expire. SQS does neither (its failures go to the
   * queue's own redrive policy). https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
   */
  isStreamSource(mapping: EventSourceMapping): boolean {
    // Self-managed Kafka has no event source ARN.
    if (mapping.eventSourceArn === null) return true;
    if (mapping.eventSourceArn === undefined) return false;
    const service = serviceOfArn(mapping.eventSourceArn);
    return service === "kinesis" || service === "dynamodb" || service === "kafka";
  }

  /**
   * lambda-posture judges API stages only as the front door of functions. A stage is in scope when
   * its API routes to at least one function of the snapshot; when the API's routes (REST resources,
   * HTTP routes and integrations) were not read we cannot tell, and say unknown.
   */
  stageOutOfScope(stage: ApiStageResource): CheckOutcome<keyof typeof STAGE_SCOPE_REASONS> | undefined {
    const routesRead =
      stage.kind === "rest" ? stage.api.resources !== undefined : stage.api.routes !== undefined && stage.api.integrations !== undefined;
    if (!routesRead) return unknown("routesNotRead", { apiId: stage.api.id });
    if (this.linkedFunctionArns("apiStage", stage.arn).length === 0) return notApplicable("noFunctionTargets", { apiId: stage.api.id });
    return undefined;
  }

  /** Every resource of a type, as checks of that type evaluate them. */
  resourcesOf<T extends ResourceType>(type: T): ResourceOf<T>[] {
    switch (type) {
      case "function":
        return [...this.snapshot.functions] as ResourceOf<T>[];
      case "invokeTarget":
        return this.snapshot.functions.flatMap((fn) => this.invokeTargetsOf(fn)) as ResourceOf<T>[];
      case "role":
        return this.snapshot.roles.map(
          (role): RoleResource => ({ arn: role.arn, name: role.name, region: "global", role }),
        ) as ResourceOf<T>[];
      case "apiStage":
        return [...this.apis.stages] as ResourceOf<T>[];
      case "layerVersion":
        return (this.snapshot.layerVersions ?? []).map(
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
      case "invokeTarget":
        return [unqualifiedFunctionArn(arn)];
      case "role":
        // An execution role counts for its functions; a capacity provider's operator role for the functions on the provider.
        return [...new Set([...this.functionsWithRole(arn).map((fn) => fn.arn), ...this.surface.functionsOperatedBy(arn)])];
      case "apiStage":
        return this.apis.functionsByStage.get(arn) ?? [];
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
    related.push(...this.surface.relatedArns(fn));
    return related;
  }

  /** Recorded gaps on any of `operations` that may hide data about `resource`. */
  gapsAffecting(type: ResourceType, resource: { arn: string; region: string }, operations: readonly string[]): Gap[] {
    return this.gaps.affecting(
      type,
      resource,
      () => {
        const fn = type === "function" || type === "invokeTarget" ? this.functionsByArn.get(unqualifiedFunctionArn(resource.arn)) : undefined;
        return fn ? [...new Set([resource.arn, ...this.relatedArns(fn)])] : [resource.arn];
      },
      operations,
    );
  }

  /** Operations a check needs that this snapshot's collection did not attempt. */
  operationsNotAttempted(operations: readonly string[]): string[] {
    return this.gaps.notAttempted(operations);
  }
}
